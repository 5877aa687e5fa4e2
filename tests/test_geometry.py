"""layout/geometry.py: boxes joined, intervals overlapped and merged, positions clustered."""

from __future__ import annotations

from reportparse.layout.columns import value_columns
from reportparse.layout.geometry import clusters, merge_intervals, overlap, space_gap, union
from reportparse.layout.lines import Glyph
from reportparse.layout.model import BBox
from reportparse.sources.pdf_grid import _clusters


def test_union_is_the_smallest_box_around_every_box():
    boxes = [BBox(10, 20, 30, 40), BBox(5, 25, 25, 50), BBox(12, 18, 40, 30)]
    assert union(boxes) == BBox(5, 18, 40, 50)
    assert union(boxes[:1]) == boxes[0]


def test_union_takes_glyphs_as_well_as_boxes():
    glyphs = [Glyph("收", 50, 60, 100, 110, 10), Glyph("到", 60, 70, 99, 111, 10)]
    assert union(glyphs) == BBox(50, 99, 70, 111)


def test_overlap_is_positive_inside_zero_touching_and_negative_apart():
    assert overlap(0, 10, 5, 20) == 5
    assert overlap(5, 20, 0, 10) == 5
    assert overlap(0, 10, 2, 4) == 2
    assert overlap(0, 10, 10, 20) == 0
    assert overlap(0, 10, 13, 20) == -3


def test_merge_intervals_joins_overlapping_and_touching_ones():
    assert merge_intervals([(30, 40), (0, 10), (5, 12), (12, 15), (20, 25)]) == [(0, 15), (20, 25), (30, 40)]
    assert merge_intervals([(0, 100), (10, 20)]) == [(0, 100)]
    assert merge_intervals([]) == []


def test_merge_intervals_within_a_tolerance_joins_runs_of_page_numbers():
    assert merge_intervals([(5, 5), (1, 1), (2, 2), (3, 3), (9, 9), (10, 10)], tolerance=1) == [(1, 3), (5, 5), (9, 10)]
    assert merge_intervals([(0, 10), (12, 20), (25, 30)], tolerance=2) == [(0, 20), (25, 30)]


def test_clusters_chain_each_value_to_the_one_before():
    # 0 → 2.5 → 5 chain within 3 although 0 and 5 are 5 apart; 9 starts a new group.
    assert clusters([5, 0, 2.5, 9, 12, 20], 3) == [[0, 2.5, 5], [9, 12], [20]]
    assert clusters([], 3) == []
    assert clusters([1, 1, 4.0], 3) == [[1, 1, 4.0]]


def test_pdfplumber_style_cluster_index_of_each_distinct_value():
    assert _clusters([10.0, 12.0, 10.0, 20.0, 22.5, 40.0], 3.0) == {10.0: 0, 12.0: 0, 20.0: 1, 22.5: 1, 40.0: 2}


def test_space_gap_is_three_points_or_less_for_small_type():
    assert space_gap(12) == 3.0
    assert space_gap(20) == 3.0
    assert space_gap(5) == 1.5


def test_value_columns_keep_narrow_neighbours_apart_and_join_touching_ones():
    # Two narrow columns side by side stay two; a wide value across both joins neither.
    assert value_columns([(100, 110), (130, 140), (102, 112), (95, 145)]) == [(100, 112), (130, 140)]
    # Widened columns that come to touch are joined.
    assert value_columns([(0, 10), (10, 20)]) == [(0, 20)]

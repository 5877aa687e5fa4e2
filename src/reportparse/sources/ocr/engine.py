"""RapidOCR's text detector and recogniser, loaded once per process.

Loading the two ONNX models costs about a second; a batch worker keeps them for
every document it reads (a module-level singleton).  Recognition is decoded here
rather than by RapidOCR's own decoder because the parser needs, for every
character, where it stands, how sure the model is, and — for a digit — the next
most likely digit (the alternative reading named when an identity fails).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from reportparse import limits
from reportparse.errors import ParseTimeoutError, UnreadableInputError
from reportparse.sources.ocr.raster import Box

_HEIGHT = 48  # the recogniser's input height
_STEP = 8  # input pixels per output time step
_WIDTH_BUCKET = 64  # crops are batched with crops of similar width: less padding
_BATCH = 32
_DIGITS = "0123456789"
_NUMERIC = _DIGITS + ".,-%"
_LOOKALIKES = "oOlI|!！○〇"  # letters and marks a blurred digit is read as (a thin 1: l, I, |, !)
_NO_MEMORY = "the page images need more memory than is available to read them by OCR"
_FLOOR = 0.05  # a character less likely than this is no reading at all


@dataclass(frozen=True, slots=True)
class ReadChar:
    text: str
    x0: float  # extent across the crop, in crop pixels
    x1: float
    confidence: float
    alternative: str | None = None  # for a digit: the next most likely digit
    alternative_confidence: float = 0.0


@dataclass(frozen=True, slots=True)
class Reading:
    box: Box  # the crop, in page pixels
    chars: list[ReadChar]


class Engine:
    def __init__(self) -> None:
        import rapidocr_onnxruntime
        from rapidocr_onnxruntime.ch_ppocr_det.utils import DBPostProcess
        from rapidocr_onnxruntime.ch_ppocr_rec.utils import CTCLabelDecode
        from rapidocr_onnxruntime.utils import read_yaml

        root = Path(rapidocr_onnxruntime.__file__).parent
        config = read_yaml(root / "config.yaml")
        det = config["Det"]
        self.detector = _session(root / det["model_path"])
        self.boxes_of = DBPostProcess(
            thresh=det["thresh"],
            box_thresh=det["box_thresh"],
            max_candidates=det["max_candidates"],
            unclip_ratio=det["unclip_ratio"],
            score_mode=det["score_mode"],
            use_dilation=det["use_dilation"],
        )
        recogniser = _session(root / config["Rec"]["model_path"])
        self.session = lambda batch: recogniser.run(None, {recogniser.get_inputs()[0].name: batch})
        alphabet = recogniser.get_modelmeta().custom_metadata_map["character"].splitlines()
        self.characters: list[str] = list(CTCLabelDecode(character=alphabet).character)
        index = {c: i for i, c in enumerate(self.characters)}
        self.digit_classes = np.array([index[d] for d in _DIGITS])
        self.numeric_mask = np.zeros(len(self.characters), dtype=bool)
        self.numeric_mask[[0] + [index[c] for c in _NUMERIC if c in index]] = True  # 0: the CTC blank
        self.slash_class = index["/"]
        self.lookalike_mask = np.zeros(len(self.characters), dtype=bool)
        self.lookalike_mask[[index[c] for c in _LOOKALIKES if c in index]] = True
        self.lock = threading.Lock()  # one inference at a time per process

    def detect(self, image: np.ndarray) -> list[Box]:
        """Text line boxes of a grey image, in its pixels.  The image is padded with paper
        to the network's multiple of 32 (not stretched, and not scaled: the caller chooses
        the resolution, so a narrow band of a page is read at the page's scale)."""
        h, w = image.shape
        height, width = -(-h // 32) * 32, -(-w // 32) * 32
        plane = np.ones((height, width), np.float32)  # paper: 255 normalised to 1
        plane[:h, :w] = image.astype(np.float32) / 127.5 - 1.0
        batch = np.ascontiguousarray(np.broadcast_to(plane, (1, 3, height, width)))
        with self.lock, _interruptible():
            prediction = self.detector.run(None, {self.detector.get_inputs()[0].name: batch})[0]
        quads, _ = self.boxes_of(prediction, (height, width))
        out = []
        for quad in quads:
            xs, ys = np.clip(quad[:, 0], 0, w), np.clip(quad[:, 1], 0, h)
            box = Box(float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max()))
            if box.width > 3 and box.height > 3:
                out.append(box)
        return out

    def recognise(self, crops: list[np.ndarray]) -> list[list[ReadChar]]:
        """The characters of each grey crop (one printed line each)."""
        inputs = [_normalised(c) for c in crops]
        order = sorted(range(len(inputs)), key=lambda i: inputs[i].shape[2])
        results: list[list[ReadChar]] = [[] for _ in crops]
        start = 0
        while start < len(order):
            width = _bucket(inputs[order[start]].shape[2])
            end = start
            while end < len(order) and end - start < _BATCH and _bucket(inputs[order[end]].shape[2]) == width:
                end += 1
            batch = np.zeros((end - start, 3, _HEIGHT, width), dtype=np.float32)
            for k, i in enumerate(order[start:end]):
                batch[k, :, :, : inputs[i].shape[2]] = inputs[i]
            with self.lock, _interruptible():
                probabilities = self.session(batch)[0]
            for k, i in enumerate(order[start:end]):
                scale = crops[i].shape[1] / inputs[i].shape[2]
                results[i] = self._decode(probabilities[k], scale, width / probabilities.shape[1])
            start = end
        return results

    def _decode(self, steps: np.ndarray, scale: float, step_width: float) -> list[ReadChar]:
        """CTC: collapse repeats and blanks; a character stands where its steps are.

        A reading made only of digits and the letters that look like them (o, O, l, I)
        is read again over digits alone: a table's 0 read as the letter o becomes the
        digit 0 at the model's (low) confidence in that digit, so the doubt is named."""
        chars = self._best_path(steps, steps.argmax(axis=1), scale, step_width)
        if not chars:
            return self._most_likely_mark(steps, scale, step_width)
        text = "".join(c.text for c in chars)
        if text and any(ch in _LOOKALIKES for ch in text) and all(ch in _LOOKALIKES or ch in _NUMERIC for ch in text):
            best = steps.argmax(axis=1)
            numeric = np.where(self.numeric_mask, steps, -1.0)
            numeric[self.lookalike_mask[best], 0] = -1.0  # where a letter stood, some digit stands
            chars = self._best_path(steps, numeric.argmax(axis=1), scale, step_width)
        return chars

    def _most_likely_mark(self, steps: np.ndarray, scale: float, step_width: float) -> list[ReadChar]:
        """A crop with ink that the best path reads as nothing (a small, blurred 0): its most
        likely character at the step least likely blank, at that (low) confidence — so the
        cell is named as doubtful instead of passing for a blank one."""
        t = int(steps[:, 0].argmin())
        marked = steps[t : t + 1].copy()
        marked[0, 0] = -1.0
        if float(marked.max()) < _FLOOR:
            return []
        return [self._char(steps[t : t + 1], int(marked.argmax()), t, t, scale, step_width)]

    def _char(self, run: np.ndarray, cls: int, t: int, end: int, scale: float, step_width: float) -> ReadChar:
        confidence = float(run[:, cls].max())
        text = self.characters[cls]
        alternative, alt_conf = None, 0.0
        if text in _DIGITS:
            digit_probs = run[:, self.digit_classes].max(axis=0)
            digit_probs[_DIGITS.index(text)] = -1.0
            k = int(digit_probs.argmax())
            alternative, alt_conf = _DIGITS[k], float(digit_probs[k])
            slash = float(run[:, self.slash_class].max())
            if text in "17" and slash > alt_conf:  # a blank cell's "/" looks like a 7 or a 1
                alternative, alt_conf = "/", slash
        return ReadChar(text, t * step_width * scale, (end + 1) * step_width * scale, confidence, alternative, alt_conf)

    def _best_path(self, steps: np.ndarray, best: np.ndarray, scale: float, step_width: float) -> list[ReadChar]:
        out: list[ReadChar] = []
        t = 0
        while t < len(best):
            cls = int(best[t])
            end = t
            while end + 1 < len(best) and best[end + 1] == cls:
                end += 1
            if cls != 0:
                out.append(self._char(steps[t : end + 1], cls, t, end, scale, step_width))
            t = end + 1
        return out


@contextmanager
def _interruptible() -> Iterator[None]:
    """The time limit's alarm arriving inside onnxruntime comes out as its own error:
    report it as the timeout it is; onnxruntime out of memory (std::bad_alloc) is the
    input's one-line error, as pdfminer's MemoryError is."""
    try:
        yield
    except ParseTimeoutError:
        raise
    except MemoryError:
        raise UnreadableInputError(_NO_MEMORY) from None
    except Exception as e:
        limits.check()
        if "bad_alloc" in str(e) or "allocat" in str(e).lower():
            raise UnreadableInputError(_NO_MEMORY) from None
        raise


def _session(model: Path) -> Any:
    """An onnxruntime session on the machine's cores (at most two) whose idle threads
    sleep instead of spinning: on a machine shared with other work, spinning threads
    burn a third of the CPU time of recognition for nothing."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.log_severity_level = 4
    options.enable_cpu_mem_arena = False
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    options.intra_op_num_threads = max(1, min(2, cores))
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(str(model), sess_options=options, providers=["CPUExecutionProvider"])


def _normalised(crop: np.ndarray) -> np.ndarray:
    """A grey crop → the recogniser's input: 3 × 48 × w, values in [-1, 1]."""
    import cv2

    h, w = crop.shape[:2]
    width = max(_STEP, round(w * _HEIGHT / max(1, h)))
    resized = cv2.resize(crop, (width, _HEIGHT), interpolation=cv2.INTER_AREA if h > _HEIGHT else cv2.INTER_CUBIC)
    plane = resized.astype(np.float32) / 127.5 - 1.0
    return np.broadcast_to(plane, (3, _HEIGHT, width))


def _bucket(width: int) -> int:
    return -(-width // _WIDTH_BUCKET) * _WIDTH_BUCKET


_ENGINE: Engine | None = None
_LOADING = threading.Lock()


def engine() -> Engine:
    """The process's engine, loaded on first use."""
    global _ENGINE
    with _LOADING:
        if _ENGINE is None:
            _ENGINE = Engine()
        return _ENGINE


def loaded() -> Any:
    return _ENGINE

"""Scoring a corpus of reports against their truth: `reportparse corpus score DIR...`.

Nothing here is imported by `reportparse FILE` or by `import reportparse`: the
scorer is loaded only by the `corpus` subcommand (`reportparse.corpus.cli`) or by
code that imports `reportparse.corpus.score` itself.
"""

"""`python -m reportparse`: Ctrl-C at any moment, even while the modules load, ends in one
line and exit 130 (cli.main ignores it once the report is being written)."""

try:
    from reportparse.cli import main

    code = main()
except KeyboardInterrupt:
    import os

    os.write(2, b"reportparse: interrupted\n")
    code = 130

raise SystemExit(code)

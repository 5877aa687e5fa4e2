from reportparse.cli import main

raise SystemExit(main())

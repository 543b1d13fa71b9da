from FasterAPI.cli import main

raise SystemExit(main())

from newsfacts.cli import main

raise SystemExit(main())

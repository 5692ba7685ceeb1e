from newsfacts.command import main

raise SystemExit(main())

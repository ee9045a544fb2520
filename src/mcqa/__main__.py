"""Allow ``python -m mcqa``."""

from mcqa.cli import main

if __name__ == "__main__":
    main()

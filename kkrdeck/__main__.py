"""`python -m kkrdeck` runs the command line."""

from kkrdeck.cli import main

if __name__ == "__main__":
    main()

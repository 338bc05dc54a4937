"""The reverse pipeline: a PowerPoint deck read into plain data, mapped to slide kinds, written as deck.yaml."""

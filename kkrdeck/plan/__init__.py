"""The plan stage: every text measured and every slide laid out, as plain data."""

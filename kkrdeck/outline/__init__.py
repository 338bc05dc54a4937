"""The outline stage: deck.yaml and its brand loaded with positions, validated into a typed model."""

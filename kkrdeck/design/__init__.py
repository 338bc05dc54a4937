"""The design stage: the built-in brand or an organisation's template, resolved once for plan and write."""

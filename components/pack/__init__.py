"""The briefing pack (the deck): slides as a page model, written out as PPTX and as PDF."""

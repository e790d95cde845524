""" "Mein Quartier": a signed-in resident's home district, the offers and dates there, and
the offers they saved (pages in :mod:`.views`, start-page sections in :mod:`.start`)."""

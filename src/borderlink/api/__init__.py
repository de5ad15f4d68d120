"""The REST API of the shared workspace (FastAPI; `pip install 'borderlink[web]'`)."""

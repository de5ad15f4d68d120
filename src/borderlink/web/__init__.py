"""The web app: server-rendered pages over the same library reads as the API."""

"""The portal's own pages that belong to no app: the installable app, health, errors, media."""

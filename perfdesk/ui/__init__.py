"""The Qt window.  Every edit goes through ``perfdesk.document.Document``."""

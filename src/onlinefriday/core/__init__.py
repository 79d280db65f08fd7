"""Platform plumbing shared by every area: health check, serving, the worker, base templates."""

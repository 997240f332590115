"""The demo integration's key (no Django import: `make run`'s launcher prints it)."""

DEMO_PREFIX = "demo0001"
DEMO_SECRET = "demo-timekeeping-key-for-this-laptop-only"  # nosec B105 - the demo's own
DEMO_KEY = f"apt_{DEMO_PREFIX}_{DEMO_SECRET}"
DEMO_RECEIVER_PATH = "/api-tokens/webhooks/demo-receiver/"

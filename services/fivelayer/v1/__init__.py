"""Generated from protos/fivelayer/v1 by tools/gen_protos.py. Do not edit."""

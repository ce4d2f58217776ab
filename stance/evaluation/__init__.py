"""Evaluation: metrics over predicted and gold labels, computed locally."""

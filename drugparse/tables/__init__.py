"""Knowledge as data: tables transcribed from their sources, read by the code that needs them."""

"""The Digital PR desk's data: see the modules it imports."""

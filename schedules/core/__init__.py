"""The scheduling core: pure Python (no Django, no database), so every rule is tested directly.

- ``intervals``     merge, subtract, cover and find overlaps of half-open time intervals
- ``availability``  slots with preferences: the one rule of what "inside someone's times" means
- ``timetext``      every way a time or a span is written for people
- ``slots``         working hours -> windows -> free booking slots (DST-exact)
- ``solver``        optimal suggested schedules for a 1-on-1 round (NumPy/SciPy, loaded lazily)
"""

"""Writes of the reviews app. Import the functions from their modules:

- `reviews.services.incidents`: log and edit incidents, people involved, notifications
- `reviews.services.decisions`: the chair's decision and panel advice
- `reviews.services.clocks`: keeping deadlines in step with the facts; pausing clocks
- `reviews.services.calendar`: bank holidays and local criteria
"""

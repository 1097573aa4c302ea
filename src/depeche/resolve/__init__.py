"""Resolution: calendar dates against publication, places to coordinates, actors to codes."""

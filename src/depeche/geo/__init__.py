"""Geography: an offline gazetteer built from packaged data, and geocoding of place mentions."""

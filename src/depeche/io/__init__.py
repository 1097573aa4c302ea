"""Readers (txt, html, json, jsonl, folders, stdin) and writers (jsonl, csv, table, geojson)."""

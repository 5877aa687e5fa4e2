"""One recogniser per template table, reading table grids from the layout."""

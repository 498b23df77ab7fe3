"""The reader's widgets: the outline, the detail panes and the lists they are drawn with."""

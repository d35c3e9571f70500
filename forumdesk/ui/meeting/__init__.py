"""The meeting screens: the meeting page (agenda editor, attendance with live quorum, the minutes' life cycle)
and the live minutes window used in the meeting room."""

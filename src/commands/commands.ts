// The ribbon's only button opens the task pane (ShowTaskpane in manifest.xml); the function file just has to be
// ready for Office.
void Office.onReady();

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>coauthor::app::AppActions</name>
    <message>
        <source>&amp;New File…</source>
        <translation>&amp;Neue Datei…</translation>
    </message>
    <message>
        <source>New &amp;Folder…</source>
        <translation>Neuer &amp;Ordner…</translation>
    </message>
    <message>
        <source>&amp;Open Project…</source>
        <translation>Projekt ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Close Pro&amp;ject</source>
        <translation>Pro&amp;jekt schließen</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save A&amp;ll</source>
        <translation>&amp;Alle speichern</translation>
    </message>
    <message>
        <source>&amp;Close Tab</source>
        <translation>Tab s&amp;chließen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Ausschneiden</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Einfügen</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>Alles a&amp;uswählen</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen…</translation>
    </message>
    <message>
        <source>R&amp;eplace…</source>
        <translation>&amp;Ersetzen…</translation>
    </message>
    <message>
        <source>&amp;Go to Line…</source>
        <translation>&amp;Gehe zu Zeile…</translation>
    </message>
    <message>
        <source>Toggle &amp;Comment</source>
        <translation>&amp;Kommentar umschalten</translation>
    </message>
    <message>
        <source>&amp;Compile</source>
        <translation>&amp;Kompilieren</translation>
    </message>
    <message>
        <source>Compile the project (Ctrl+B, F5)</source>
        <translation>Projekt kompilieren (Strg+B, F5)</translation>
    </message>
    <message>
        <source>&amp;Full Rebuild</source>
        <translation>&amp;Vollständig neu erstellen</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Stoppen</translation>
    </message>
    <message>
        <source>&amp;Auto-Compile</source>
        <translation>&amp;Automatisch kompilieren</translation>
    </message>
    <message>
        <source>Compile automatically when typing stops</source>
        <translation>Automatisch kompilieren, wenn die Eingabe pausiert</translation>
    </message>
    <message>
        <source>Show &amp;Log</source>
        <translation>&amp;Log anzeigen</translation>
    </message>
    <message>
        <source>Open PDF in &amp;External Viewer</source>
        <translation>PDF in &amp;externem Betrachter öffnen</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>Fit &amp;Width</source>
        <translation>An &amp;Breite anpassen</translation>
    </message>
    <message>
        <source>Fit &amp;Page</source>
        <translation>An &amp;Seite anpassen</translation>
    </message>
    <message>
        <source>Show in &amp;PDF</source>
        <translation>Im &amp;PDF zeigen</translation>
    </message>
    <message>
        <source>Show the current line in the PDF (Ctrl+J)</source>
        <translation>Aktuelle Zeile im PDF zeigen (Strg+J)</translation>
    </message>
    <message>
        <source>Find in PD&amp;F…</source>
        <translation>Im PD&amp;F suchen…</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;About Coauthor</source>
        <translation>Ü&amp;ber Coauthor</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Build</source>
        <translation>&amp;Erstellen</translation>
    </message>
    <message>
        <source>&amp;Engine</source>
        <translation>&amp;Engine</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>&amp;Bereiche</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>Einstellun&amp;gen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>%1 (not installed)</source>
        <translation>%1 (nicht installiert)</translation>
    </message>
</context>
<context>
    <name>coauthor::app::AppSettings</name>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
</context>
<context>
    <name>coauthor::app::AppStatusBar</name>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Compiling…</source>
        <translation>Kompiliere…</translation>
    </message>
    <message>
        <source>Compiled in %1 s</source>
        <translation>Kompiliert in %1 s</translation>
    </message>
    <message numerus="yes">
        <source>Compile failed: %n error(s)</source>
        <translation><numerusform>Kompilieren fehlgeschlagen: %n Fehler</numerusform><numerusform>Kompilieren fehlgeschlagen: %n Fehler</numerusform></translation>
    </message>
    <message>
        <source>Compile stopped</source>
        <translation>Kompilieren gestoppt</translation>
    </message>
    <message>
        <source>Ln %1, Col %2</source>
        <translation>Z. %1, Sp. %2</translation>
    </message>
</context>
<context>
    <name>coauthor::app::EditorTabs</name>
    <message>
        <source>the file is larger than 64 MB</source>
        <translation>die Datei ist größer als 64 MB</translation>
    </message>
    <message>
        <source>the file is not a text file</source>
        <translation>die Datei ist keine Textdatei</translation>
    </message>
    <message>
        <source>“%1” does not exist.</source>
        <translation>„%1“ existiert nicht.</translation>
    </message>
    <message>
        <source>Cannot open “%1”: %2</source>
        <translation>„%1“ kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Cannot show the image “%1”.</source>
        <translation>Das Bild „%1“ kann nicht angezeigt werden.</translation>
    </message>
    <message>
        <source>Cannot save “%1”: %2</source>
        <translation>„%1“ kann nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>These files have unsaved changes:

%1

Save them?</source>
        <translation>Diese Dateien haben ungespeicherte Änderungen:

%1

Speichern?</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>“%1” has unsaved changes. Save them?</source>
        <translation>„%1“ hat ungespeicherte Änderungen. Speichern?</translation>
    </message>
    <message>
        <source>“%1” changed on disk; your unsaved version is kept.</source>
        <translation>„%1“ wurde auf der Festplatte geändert; Ihre ungespeicherte Fassung bleibt erhalten.</translation>
    </message>
    <message>
        <source>Reloaded “%1”, changed on disk.</source>
        <translation>„%1“ wurde auf der Festplatte geändert und neu geladen.</translation>
    </message>
</context>
<context>
    <name>coauthor::app::ImageViewer</name>
    <message>
        <source>Cannot show %1: %2</source>
        <translation>%1 kann nicht angezeigt werden: %2</translation>
    </message>
    <message>
        <source>%1 × %2 pixels</source>
        <translation>%1 × %2 Pixel</translation>
    </message>
</context>
<context>
    <name>coauthor::app::MainWindow</name>
    <message>
        <source>Main Tool Bar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>Outline</source>
        <translation>Gliederung</translation>
    </message>
    <message>
        <source>Root document: %1</source>
        <translation>Hauptdokument: %1</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>Projekt öffnen</translation>
    </message>
    <message>
        <source>“%1” is not a folder.</source>
        <translation>„%1“ ist kein Ordner.</translation>
    </message>
    <message>
        <source>No root document found: add a .tex file with \documentclass.</source>
        <translation>Kein Hauptdokument gefunden: Fügen Sie eine .tex-Datei mit \documentclass hinzu.</translation>
    </message>
    <message>
        <source>This line is not in the PDF.</source>
        <translation>Diese Zeile ist nicht im PDF.</translation>
    </message>
    <message>
        <source>No SyncTeX data yet: compile the project first.</source>
        <translation>Noch keine SyncTeX-Daten: Kompilieren Sie zuerst das Projekt.</translation>
    </message>
    <message>
        <source>No source line found for this place in the PDF.</source>
        <translation>Zu dieser Stelle im PDF wurde keine Quellzeile gefunden.</translation>
    </message>
    <message>
        <source>Cannot show the PDF: %1</source>
        <translation>Das PDF kann nicht angezeigt werden: %1</translation>
    </message>
    <message>
        <source>Compile timed out</source>
        <translation>Zeitüberschreitung beim Kompilieren</translation>
    </message>
    <message>
        <source>Compile error: %1</source>
        <translation>Fehler beim Kompilieren: %1</translation>
    </message>
    <message>
        <source>Coauthor</source>
        <translation>Coauthor</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <source>Open Project Folder</source>
        <translation>Projektordner öffnen</translation>
    </message>
    <message>
        <source>Go to Line</source>
        <translation>Gehe zu Zeile</translation>
    </message>
    <message>
        <source>Line:</source>
        <translation>Zeile:</translation>
    </message>
    <message>
        <source>“%1” was not found in the PDF.</source>
        <translation>„%1“ wurde im PDF nicht gefunden.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The new language is used after Coauthor is restarted.</source>
        <translation>Die neue Sprache wird nach einem Neustart von Coauthor verwendet.</translation>
    </message>
    <message>
        <source>About Coauthor</source>
        <translation>Über Coauthor</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Coauthor %1&lt;/h3&gt;&lt;p&gt;A collaborative LaTeX editor: write alone and offline, or together through a small server you host yourself.&lt;/p&gt;&lt;p&gt;Built with Qt %2, Poppler and SyncTeX.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Coauthor %1&lt;/h3&gt;&lt;p&gt;Ein LaTeX-Editor für die Zusammenarbeit: Schreiben Sie allein und offline oder gemeinsam über einen kleinen, selbst betriebenen Server.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2, Poppler und SyncTeX.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>coauthor::app::PdfDocument</name>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>%1 is empty.</source>
        <translation>%1 ist leer.</translation>
    </message>
    <message>
        <source>%1 is not a readable PDF file.</source>
        <translation>%1 ist keine lesbare PDF-Datei.</translation>
    </message>
    <message>
        <source>%1 is password protected.</source>
        <translation>%1 ist passwortgeschützt.</translation>
    </message>
    <message>
        <source>%1 has no pages.</source>
        <translation>%1 hat keine Seiten.</translation>
    </message>
</context>
<context>
    <name>coauthor::app::PdfToolBar</name>
    <message>
        <source>Zoom Out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>Fit Width</source>
        <translation>An Breite anpassen</translation>
    </message>
    <message>
        <source>Fit Page</source>
        <translation>An Seite anpassen</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <source>Zoom In</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Search in PDF</source>
        <translation>Im PDF suchen</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Seite %1 von %2</translation>
    </message>
    <message>
        <source>No PDF yet</source>
        <translation>Noch kein PDF</translation>
    </message>
</context>
<context>
    <name>coauthor::app::PdfView</name>
    <message>
        <source>Zoom In</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Zoom Out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>Actual Size</source>
        <translation>Originalgröße</translation>
    </message>
    <message>
        <source>Fit Width</source>
        <translation>An Breite anpassen</translation>
    </message>
    <message>
        <source>Fit Page</source>
        <translation>An Seite anpassen</translation>
    </message>
    <message>
        <source>Open in External Viewer</source>
        <translation>In externem Betrachter öffnen</translation>
    </message>
</context>
<context>
    <name>coauthor::app::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <source>Wrap long lines</source>
        <translation>Lange Zeilen umbrechen</translation>
    </message>
    <message>
        <source>Editor</source>
        <translation>Editor</translation>
    </message>
    <message>
        <source>Font:</source>
        <translation>Schriftart:</translation>
    </message>
    <message>
        <source>Compile automatically when typing stops</source>
        <translation>Automatisch kompilieren, wenn die Eingabe pausiert</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Compile</source>
        <translation>Kompilieren</translation>
    </message>
    <message>
        <source>Delay after typing:</source>
        <translation>Verzögerung nach der Eingabe:</translation>
    </message>
    <message>
        <source>Engine:</source>
        <translation>Engine:</translation>
    </message>
    <message>
        <source>A new language is used after Coauthor is restarted.</source>
        <translation>Eine neue Sprache wird nach einem Neustart von Coauthor verwendet.</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>Oberfläche</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
</context>
<context>
    <name>coauthor::app::ProblemsPanel</name>
    <message>
        <source>Raw Log</source>
        <translation>Vollständiges Log</translation>
    </message>
    <message>
        <source>Show the full LaTeX log of the last compile</source>
        <translation>Das vollständige LaTeX-Log des letzten Kompilierens anzeigen</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>No log yet: compile the project to see it.</source>
        <translation>Noch kein Log: Kompilieren Sie das Projekt, um es zu sehen.</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message numerus="yes">
        <source>Problems (%n error(s))</source>
        <translation><numerusform>Probleme (%n Fehler)</numerusform><numerusform>Probleme (%n Fehler)</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Problems (%n warning(s))</source>
        <translation><numerusform>Probleme (%n Warnung)</numerusform><numerusform>Probleme (%n Warnungen)</numerusform></translation>
    </message>
    <message>
        <source>Problems (%1, %2)</source>
        <translation>Probleme (%1, %2)</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation><numerusform>%n Fehler</numerusform><numerusform>%n Fehler</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation><numerusform>%n Warnung</numerusform><numerusform>%n Warnungen</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n Error(s)</source>
        <translation><numerusform>%n Fehler</numerusform><numerusform>%n Fehler</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n Warning(s)</source>
        <translation><numerusform>%n Warnung</numerusform><numerusform>%n Warnungen</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n Bad Box(es)</source>
        <translation><numerusform>%n schlechte Box</numerusform><numerusform>%n schlechte Boxen</numerusform></translation>
    </message>
    <message>
        <source>Show or hide errors</source>
        <translation>Fehler ein- oder ausblenden</translation>
    </message>
    <message>
        <source>Show or hide warnings</source>
        <translation>Warnungen ein- oder ausblenden</translation>
    </message>
    <message>
        <source>Show or hide overfull and underfull boxes</source>
        <translation>Über- und unterfüllte Boxen ein- oder ausblenden</translation>
    </message>
</context>
<context>
    <name>coauthor::app::ProjectTree</name>
    <message>
        <source>“%1” is not a valid name inside the project.</source>
        <translation>„%1“ ist kein gültiger Name innerhalb des Projekts.</translation>
    </message>
    <message>
        <source>“%1” already exists.</source>
        <translation>„%1“ existiert bereits.</translation>
    </message>
    <message>
        <source>Cannot create “%1”: %2</source>
        <translation>„%1“ kann nicht erstellt werden: %2</translation>
    </message>
    <message>
        <source>Cannot create the folder “%1”.</source>
        <translation>Der Ordner „%1“ kann nicht erstellt werden.</translation>
    </message>
    <message>
        <source>“%1” does not exist.</source>
        <translation>„%1“ existiert nicht.</translation>
    </message>
    <message>
        <source>Cannot rename “%1” to “%2”.</source>
        <translation>„%1“ kann nicht in „%2“ umbenannt werden.</translation>
    </message>
    <message>
        <source>Cannot delete “%1”.</source>
        <translation>„%1“ kann nicht gelöscht werden.</translation>
    </message>
    <message>
        <source>New File</source>
        <translation>Neue Datei</translation>
    </message>
    <message>
        <source>File name:</source>
        <translation>Dateiname:</translation>
    </message>
    <message>
        <source>New Folder</source>
        <translation>Neuer Ordner</translation>
    </message>
    <message>
        <source>Folder name:</source>
        <translation>Ordnername:</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Neuer Name:</translation>
    </message>
    <message>
        <source>Delete the folder “%1” and everything in it?</source>
        <translation>Den Ordner „%1“ mit seinem gesamten Inhalt löschen?</translation>
    </message>
    <message>
        <source>Delete “%1”?</source>
        <translation>„%1“ löschen?</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>This cannot be undone.</source>
        <translation>Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>New File…</source>
        <translation>Neue Datei…</translation>
    </message>
    <message>
        <source>New Folder…</source>
        <translation>Neuer Ordner…</translation>
    </message>
    <message>
        <source>Set as Root Document</source>
        <translation>Als Hauptdokument festlegen</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
</context>
<context>
    <name>coauthor::app::WelcomePage</name>
    <message>
        <source>Coauthor</source>
        <translation>Coauthor</translation>
    </message>
    <message>
        <source>Write LaTeX documents, alone or together.</source>
        <translation>LaTeX-Dokumente schreiben, allein oder gemeinsam.</translation>
    </message>
    <message>
        <source>Open Folder…</source>
        <translation>Ordner öffnen…</translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>Zuletzt verwendete Projekte</translation>
    </message>
    <message>
        <source>No recent projects yet.</source>
        <translation>Noch keine zuletzt verwendeten Projekte.</translation>
    </message>
</context>
<context>
    <name>coauthor::editor::FindReplaceBar</name>
    <message>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>Ersetzen durch</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>Groß-/Kleinschreibung beachten</translation>
    </message>
    <message>
        <source>Whole words</source>
        <translation>Ganze Wörter</translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation>Regulärer Ausdruck</translation>
    </message>
    <message>
        <source>9999 of 9999</source>
        <translation>9999 von 9999</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Find previous (Shift+Enter)</source>
        <translation>Vorheriges suchen (Umschalt+Eingabe)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Find next (Enter)</source>
        <translation>Nächstes suchen (Eingabe)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Schließen (Esc)</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Ersetzen</translation>
    </message>
    <message>
        <source>Replace this match and find the next</source>
        <translation>Diesen Treffer ersetzen und den nächsten suchen</translation>
    </message>
    <message>
        <source>Replace All</source>
        <translation>Alle ersetzen</translation>
    </message>
    <message>
        <source>Replace every match in the document</source>
        <translation>Alle Treffer im Dokument ersetzen</translation>
    </message>
    <message>
        <source>Invalid pattern</source>
        <translation>Ungültiges Muster</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>Keine Treffer</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation><numerusform>%n Treffer</numerusform><numerusform>%n Treffer</numerusform></translation>
    </message>
</context>
<context>
    <name>coauthor::editor::OutlineView</name>
    <message>
        <source>Document outline</source>
        <translation>Dokumentgliederung</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>(ohne Titel)</translation>
    </message>
    <message>
        <source>%1, line %2</source>
        <translation>%1, Zeile %2</translation>
    </message>
</context>
<context>
    <name>coauthor::editor::RemoteCursors</name>
    <message>
        <source>Anonymous</source>
        <translation>Anonym</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Coauthor, a collaborative LaTeX editor.</source>
        <translation>Coauthor, ein LaTeX-Editor für die Zusammenarbeit.</translation>
    </message>
    <message>
        <source>User interface language (en, ja, de).</source>
        <translation>Sprache der Benutzeroberfläche (en, ja, de).</translation>
    </message>
    <message>
        <source>Project folder to open.</source>
        <translation>Zu öffnender Projektordner.</translation>
    </message>
</context>
</TS>

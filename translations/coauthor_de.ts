<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>HostCertificate</name>
    <message>
        <source>Cannot read “%1”: %2</source>
        <translation>„%1“ kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>“%1” holds no certificate.</source>
        <translation>„%1“ enthält kein Zertifikat.</translation>
    </message>
    <message>
        <source>Cannot create the folder “%1”.</source>
        <translation>Der Ordner „%1“ kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot run “openssl” to make the server&apos;s certificate: %1</source>
        <translation>„openssl“ kann nicht ausgeführt werden, um das Zertifikat des Servers zu erstellen: %1</translation>
    </message>
    <message>
        <source>“openssl” could not make the server&apos;s certificate: %1</source>
        <translation>„openssl“ konnte das Zertifikat des Servers nicht erstellen: %1</translation>
    </message>
    <message>
        <source>Cannot write the server&apos;s certificate into “%1”.</source>
        <translation>Das Zertifikat des Servers kann nicht in „%1“ geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>ShareLink</name>
    <message>
        <source>Cannot write “%1”: %2</source>
        <translation>„%1“ kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>coauthor::app::AboutDialog</name>
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
    <message>
        <source>Clear List</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <source>Main Tool Bar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>Find in &amp;Files…</source>
        <translation>In &amp;Dateien suchen…</translation>
    </message>
    <message>
        <source>New &amp;Project…</source>
        <translation>Neues &amp;Projekt…</translation>
    </message>
    <message>
        <source>Preferences’ Default</source>
        <translation>Standard aus den Einstellungen</translation>
    </message>
    <message>
        <source>Compile this project with the engine chosen in Preferences</source>
        <translation>Dieses Projekt mit der in den Einstellungen gewählten Engine übersetzen</translation>
    </message>
    <message>
        <source>&amp;Word Count…</source>
        <translation>&amp;Wörter zählen…</translation>
    </message>
    <message>
        <source>Count the words of the document, per file, as TeXcount does</source>
        <translation>Die Wörter des Dokuments je Datei zählen, wie TeXcount zählt</translation>
    </message>
    <message>
        <source>&amp;Engine (This Project)</source>
        <translation>&amp;Engine (dieses Projekt)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>E&amp;xtras</translation>
    </message>
    <message>
        <source>&amp;Add Files…</source>
        <translation>Dateien &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>Copy files (figures, data) into the project; shared projects upload them</source>
        <translation>Dateien (Abbildungen, Daten) in das Projekt kopieren; geteilte Projekte laden sie hoch</translation>
    </message>
    <message>
        <source>Compile the project (Ctrl+B, F5, Ctrl+Enter)</source>
        <translation>Projekt kompilieren (Strg+B, F5, Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Zoom in the editor or the PDF, whichever has the focus</source>
        <translation>Editor oder PDF vergrößern, je nachdem, was den Fokus hat</translation>
    </message>
    <message>
        <source>Zoom out the editor or the PDF, whichever has the focus</source>
        <translation>Editor oder PDF verkleinern, je nachdem, was den Fokus hat</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>upLaTeX and dvipdfmx, for Japanese documents</source>
        <translation>upLaTeX und dvipdfmx, für japanische Dokumente</translation>
    </message>
    <message>
        <source>Allow &amp;Shell Escape for This Project…</source>
        <translation>&amp;Shell-Escape für dieses Projekt erlauben…</translation>
    </message>
    <message>
        <source>Let this project&apos;s documents run programs (\write18), as minted needs</source>
        <translation>Die Dokumente dieses Projekts dürfen Programme ausführen (\write18), wie minted es braucht</translation>
    </message>
    <message>
        <source>&amp;Export PDF…</source>
        <translation>PDF &amp;exportieren…</translation>
    </message>
    <message>
        <source>Save a copy of the compiled PDF where you choose</source>
        <translation>Eine Kopie des kompilierten PDF an einem Ort Ihrer Wahl speichern</translation>
    </message>
    <message>
        <source>&amp;Keep a Copy of the PDF next to the Main Document</source>
        <translation>Eine &amp;Kopie des PDF neben dem Hauptdokument behalten</translation>
    </message>
    <message>
        <source>After each successful compile, save the PDF beside the main document, named after it (thesis.tex → thesis.pdf); it stays on this computer and is never shared</source>
        <translation>Nach jedem erfolgreichen Kompilieren das PDF neben dem Hauptdokument speichern, nach ihm benannt (thesis.tex → thesis.pdf); es bleibt auf diesem Computer und wird nie geteilt</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Verlauf</translation>
    </message>
    <message>
        <source>Every version of the project: what changed, compare, restore (Ctrl+Alt+H)</source>
        <translation>Jede Version des Projekts: was sich geändert hat, vergleichen, wiederherstellen (Strg+Alt+H)</translation>
    </message>
    <message>
        <source>Compile on Ser&amp;ver</source>
        <translation>Auf dem Ser&amp;ver kompilieren</translation>
    </message>
    <message>
        <source>Compile this shared project on the server’s compile workers and show their PDF (used for Compile when this computer has no TeX)</source>
        <translation>Dieses geteilte Projekt von den Compile-Workern des Servers kompilieren lassen und deren PDF zeigen (so kompiliert „Kompilieren“, wenn dieser Rechner kein TeX hat)</translation>
    </message>
    <message>
        <source>Fetch Latest Server &amp;PDF</source>
        <translation>Neuestes &amp;PDF vom Server holen</translation>
    </message>
    <message>
        <source>Show the PDF of the project’s latest compile on the server, whoever asked for it</source>
        <translation>Das PDF des neuesten Kompilierens dieses Projekts auf dem Server zeigen, gleich wer es angestoßen hat</translation>
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
        <source>Ln %1, Col %2</source>
        <translation>Z. %1, Sp. %2</translation>
    </message>
    <message numerus="yes">
        <source>%n word(s) selected</source>
        <translation>
            <numerusform>%n Wort markiert</numerusform>
            <numerusform>%n Wörter markiert</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coauthor::app::CollabFeature</name>
    <message>
        <source>S&amp;hare Project…</source>
        <translation>Projekt &amp;teilen…</translation>
    </message>
    <message>
        <source>Put this project on a server (or host one here) and write together</source>
        <translation>Dieses Projekt auf einen Server legen (oder hier einen betreiben) und gemeinsam schreiben</translation>
    </message>
    <message>
        <source>Open S&amp;hared Project…</source>
        <translation>Gete&amp;iltes Projekt öffnen…</translation>
    </message>
    <message>
        <source>Join a project someone shared: server address, project id and token</source>
        <translation>Einem geteilten Projekt beitreten: Serveradresse, Projekt-ID und Token</translation>
    </message>
    <message>
        <source>Work &amp;Offline</source>
        <translation>&amp;Offline arbeiten</translation>
    </message>
    <message>
        <source>Keep editing without a connection; edits are sent when you go online again</source>
        <translation>Ohne Verbindung weiterschreiben; die Änderungen werden gesendet, sobald Sie wieder online sind</translation>
    </message>
    <message>
        <source>Sharing &amp;Details…</source>
        <translation>Freigabe&amp;details…</translation>
    </message>
    <message>
        <source>Collaborators</source>
        <translation>Mitautoren</translation>
    </message>
    <message>
        <source>Hosted Server</source>
        <translation>Betriebener Server</translation>
    </message>
    <message>
        <source>The server hosted on this computer stopped.

%1</source>
        <translation>Der auf diesem Computer betriebene Server wurde beendet.

%1</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Some edits are neither on the server nor saved on this computer (%1). Quit anyway and lose them?</source>
        <translation>Einige Änderungen sind weder auf dem Server noch auf diesem Computer gespeichert (%1). Trotzdem beenden und sie verlieren?</translation>
    </message>
    <message>
        <source>The hosted server did not start: %1</source>
        <translation>Der eigene Server ist nicht gestartet: %1</translation>
    </message>
    <message>
        <source>Shared Project</source>
        <translation>Geteiltes Projekt</translation>
    </message>
    <message>
        <source>Cannot connect this folder to its shared project: %1</source>
        <translation>Dieser Ordner kann nicht mit seinem geteilten Projekt verbunden werden: %1</translation>
    </message>
    <message>
        <source>Collaborators (%1)</source>
        <translation>Mitautoren (%1)</translation>
    </message>
    <message>
        <source>Open a project first.</source>
        <translation>Öffnen Sie zuerst ein Projekt.</translation>
    </message>
    <message>
        <source>This project is already shared.</source>
        <translation>Dieses Projekt ist bereits geteilt.</translation>
    </message>
    <message>
        <source>The server address, project id and token are needed.</source>
        <translation>Serveradresse, Projekt-ID und Token werden benötigt.</translation>
    </message>
    <message>
        <source>Save the open files first.</source>
        <translation>Speichern Sie zuerst die geöffneten Dateien.</translation>
    </message>
    <message>
        <source>Uploading the project…</source>
        <translation>Projekt wird hochgeladen…</translation>
    </message>
    <message>
        <source>The project was uploaded but this folder could not be connected to it.</source>
        <translation>Das Projekt wurde hochgeladen, aber dieser Ordner konnte nicht damit verbunden werden.</translation>
    </message>
    <message>
        <source>The project is shared.</source>
        <translation>Das Projekt ist geteilt.</translation>
    </message>
    <message>
        <source>“%1” is not empty. Choose a new or empty folder for the shared project.</source>
        <translation>„%1“ ist nicht leer. Wählen Sie für das geteilte Projekt einen neuen oder leeren Ordner.</translation>
    </message>
    <message>
        <source>Cannot create the folder “%1”.</source>
        <translation>Der Ordner „%1“ kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Joining the shared project…</source>
        <translation>Trete dem geteilten Projekt bei…</translation>
    </message>
    <message>
        <source>The server at %1 did not answer.</source>
        <translation>Der Server unter %1 hat nicht geantwortet.</translation>
    </message>
    <message>
        <source>Cannot open “%1”.</source>
        <translation>„%1“ kann nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>Sharing Details</source>
        <translation>Freigabedetails</translation>
    </message>
    <message>
        <source>Give the others this address, the project id and the token:</source>
        <translation>Geben Sie den anderen diese Adresse, die Projekt-ID und das Token:</translation>
    </message>
    <message numerus="yes">
        <source>Connected to the project this computer hosts: %n other(s) (%1). Quitting stops the server: they keep their edits but cannot reach each other until you share again. Quit anyway?</source>
        <translation>
            <numerusform>%n weitere Person ist mit dem Projekt verbunden, das dieser Computer bereitstellt (%1). Beenden stoppt den Server: Ihre Änderungen bleiben erhalten, aber sie erreichen einander erst wieder, wenn Sie erneut teilen. Trotzdem beenden?</numerusform>
            <numerusform>%n weitere Personen sind mit dem Projekt verbunden, das dieser Computer bereitstellt (%1). Beenden stoppt den Server: Ihre Änderungen bleiben erhalten, aber sie erreichen einander erst wieder, wenn Sie erneut teilen. Trotzdem beenden?</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Quit and Stop Sharing</source>
        <translation>&amp;Beenden und Teilen stoppen</translation>
    </message>
    <message>
        <source>The host stopped sharing; your edits are kept and will be sent when they are back.</source>
        <translation>Der Gastgeber hat das Teilen beendet; Ihre Änderungen bleiben erhalten und werden gesendet, sobald er wieder da ist.</translation>
    </message>
</context>
<context>
    <name>coauthor::app::CollaborationSession</name>
    <message>
        <source>Anonymous</source>
        <translation>Anonym</translation>
    </message>
    <message>
        <source>Cannot create a temporary folder: %1</source>
        <translation>Temporärer Ordner kann nicht angelegt werden: %1</translation>
    </message>
    <message>
        <source>The server at %1 did not answer.</source>
        <translation>Der Server unter %1 hat nicht geantwortet.</translation>
    </message>
    <message>
        <source>The shared project already has files. Open it with “Open Shared Project…” instead.</source>
        <translation>Das geteilte Projekt enthält bereits Dateien. Öffnen Sie es stattdessen mit „Geteiltes Projekt öffnen…“.</translation>
    </message>
    <message>
        <source>Cannot read “%1”: %2</source>
        <translation>„%1“ kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Uploading the project took too long.</source>
        <translation>Das Hochladen des Projekts hat zu lange gedauert.</translation>
    </message>
    <message>
        <source>edits not saved on this computer: %1</source>
        <translation>Änderungen nicht auf diesem Computer gespeichert: %1</translation>
    </message>
    <message>
        <source>project folder not updated: %1</source>
        <translation>Projektordner nicht aktualisiert: %1</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate has changed, so Coauthor did not connect: someone may be intercepting the connection. Expected %1, got %2. If the host made a new certificate, join again with a new invitation.</source>
        <translation>Das Zertifikat des Servers hat sich geändert, deshalb hat Coauthor keine Verbindung aufgebaut: Jemand könnte die Verbindung abfangen. Erwartet %1, erhalten %2. Hat der Gastgeber ein neues Zertifikat erstellt, treten Sie mit einer neuen Einladung erneut bei.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate (%1) is not trusted, so Coauthor did not connect. Join with the invitation the host gave you: it names the certificate.</source>
        <translation>Das Zertifikat des Servers (%1) ist nicht vertrauenswürdig, deshalb hat Coauthor keine Verbindung aufgebaut. Treten Sie mit der Einladung des Gastgebers bei: Sie nennt das Zertifikat.</translation>
    </message>
    <message>
        <source>The server refused an edit: %1</source>
        <translation>Der Server hat eine Änderung abgelehnt: %1</translation>
    </message>
    <message>
        <source>“%1” (%2) is larger than the %3 the server takes, so it stays on this computer and is not shared.</source>
        <translation>„%1“ (%2) ist größer als die %3, die der Server annimmt; die Datei bleibt auf diesem Computer und wird nicht geteilt.</translation>
    </message>
    <message>
        <source>“%1” (%2) is larger than the %3 a shared text file may hold, so it stays on this computer and is not shared.</source>
        <translation>„%1“ (%2) ist größer als die %3, die eine geteilte Textdatei haben darf; sie bleibt auf diesem Computer und wird nicht geteilt.</translation>
    </message>
    <message>
        <source>“%1” stays on this computer: you joined this project read-only.</source>
        <translation>„%1“ bleibt auf diesem Computer: Sie sind diesem Projekt schreibgeschützt beigetreten.</translation>
    </message>
    <message>
        <source>“%1” is not shared: the name does not work on every system (%2).</source>
        <translation>„%1“ wird nicht geteilt: Der Name funktioniert nicht auf jedem System (%2).</translation>
    </message>
    <message>
        <source>“%1” is not shared: a collaborator added a file with the same name at the same time.</source>
        <translation>„%1“ wird nicht geteilt: Ein Mitautor hat gleichzeitig eine Datei mit demselben Namen hinzugefügt.</translation>
    </message>
    <message>
        <source>“%1” could not be shared (%2): %3</source>
        <translation>„%1“ konnte nicht geteilt werden (%2): %3</translation>
    </message>
</context>
<context>
    <name>coauthor::app::CollaboratorsPanel</name>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1 has no file open</source>
        <translation>%1 hat keine Datei geöffnet</translation>
    </message>
    <message>
        <source>%1 is in %2</source>
        <translation>%1 ist in %2</translation>
    </message>
    <message>
        <source>This project is not shared. Use File → Share Project… to write together.</source>
        <translation>Dieses Projekt ist nicht geteilt. Mit Datei → Projekt teilen… schreiben Sie gemeinsam.</translation>
    </message>
    <message>
        <source>Nobody else is here right now.</source>
        <translation>Gerade ist niemand sonst hier.</translation>
    </message>
</context>
<context>
    <name>coauthor::app::CompileFeature</name>
    <message>
        <source>Compile timed out</source>
        <translation>Zeitüberschreitung beim Kompilieren</translation>
    </message>
    <message>
        <source>Compile error: %1</source>
        <translation>Fehler beim Kompilieren: %1</translation>
    </message>
    <message>
        <source>“%1” cannot be the main document: it must be a .tex file inside the project.</source>
        <translation>„%1“ kann nicht das Hauptdokument sein: Es muss eine .tex-Datei im Projekt sein.</translation>
    </message>
    <message>
        <source>Preferences’ Default (%1)</source>
        <translation>Standard aus den Einstellungen (%1)</translation>
    </message>
    <message>
        <source>set by %!TEX program in %1</source>
        <translation>festgelegt durch %!TEX program in %1</translation>
    </message>
    <message>
        <source>this project’s setting</source>
        <translation>Einstellung dieses Projekts</translation>
    </message>
    <message>
        <source>Preferences’ default</source>
        <translation>Standard aus den Einstellungen</translation>
    </message>
    <message>
        <source>Compile this project with %1 (now: %2, %3)</source>
        <translation>Dieses Projekt mit %1 übersetzen (jetzt: %2, %3)</translation>
    </message>
    <message>
        <source>With shell escape, a document can run any program on this computer, with your permissions, including one a collaborator wrote.</source>
        <translation>Mit Shell-Escape kann ein Dokument jedes Programm auf diesem Computer mit Ihren Rechten ausführen, auch eines, das ein Mitautor geschrieben hat.</translation>
    </message>
    <message>
        <source>This project is shared: every collaborator&apos;s edits are included, now and later.</source>
        <translation>Dieses Projekt ist geteilt: Die Änderungen aller Mitautoren gehören dazu, jetzt und später.</translation>
    </message>
    <message>
        <source>Allow it only for a project whose every line you trust. The setting stays on this computer and is never shared.</source>
        <translation>Erlauben Sie es nur für ein Projekt, dessen jeder Zeile Sie vertrauen. Die Einstellung bleibt auf diesem Computer und wird nie geteilt.</translation>
    </message>
    <message>
        <source>Allow Shell Escape?</source>
        <translation>Shell-Escape erlauben?</translation>
    </message>
    <message>
        <source>Packages such as minted need it. TeX Live&apos;s restricted mode (EPS figures, makeindex, bibtex) stays on without it.</source>
        <translation>Pakete wie minted brauchen es. Der eingeschränkte Modus von TeX Live (EPS-Grafiken, makeindex, bibtex) bleibt auch ohne es aktiv.</translation>
    </message>
    <message>
        <source>Allow Shell Escape</source>
        <translation>Shell-Escape erlauben</translation>
    </message>
    <message>
        <source>Cannot save the setting: %1</source>
        <translation>Die Einstellung kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>There is no PDF yet: compile the project first.</source>
        <translation>Es gibt noch kein PDF: Kompilieren Sie zuerst das Projekt.</translation>
    </message>
    <message>
        <source>Cannot write “%1”: %2</source>
        <translation>„%1“ kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Cannot write “%1”.</source>
        <translation>„%1“ kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>PDF exportieren</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF-Dokumente (*.pdf)</translation>
    </message>
    <message>
        <source>The PDF was saved as %1.</source>
        <translation>Das PDF wurde als %1 gespeichert.</translation>
    </message>
    <message>
        <source>Compile on Server is for shared projects: share this one first.</source>
        <translation>Auf dem Server kompilieren geht nur mit geteilten Projekten: teilen Sie dieses zuerst.</translation>
    </message>
    <message>
        <source>No main document to compile.</source>
        <translation>Kein Hauptdokument zum Kompilieren.</translation>
    </message>
    <message>
        <source>Only a shared project has PDFs on the server.</source>
        <translation>Nur ein geteiltes Projekt hat PDFs auf dem Server.</translation>
    </message>
    <message numerus="yes">
        <source>Compiled on the server: %n error(s)</source>
        <translation>
            <numerusform>Auf dem Server kompiliert: %n Fehler</numerusform>
            <numerusform>Auf dem Server kompiliert: %n Fehler</numerusform>
        </translation>
    </message>
    <message>
        <source>Compiled on the server in %1 s</source>
        <translation>Auf dem Server in %1 s kompiliert</translation>
    </message>
    <message numerus="yes">
        <source>Compile on the server failed: %n error(s)</source>
        <translation>
            <numerusform>Kompilieren auf dem Server fehlgeschlagen: %n Fehler</numerusform>
            <numerusform>Kompilieren auf dem Server fehlgeschlagen: %n Fehler</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coauthor::app::CompileStatusLabel</name>
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
        <translation>
            <numerusform>Kompilieren fehlgeschlagen: %n Fehler</numerusform>
            <numerusform>Kompilieren fehlgeschlagen: %n Fehler</numerusform>
        </translation>
    </message>
    <message>
        <source>Compile failed: see the log</source>
        <translation>Kompilieren fehlgeschlagen: siehe Log</translation>
    </message>
    <message>
        <source>Compile stopped</source>
        <translation>Kompilieren gestoppt</translation>
    </message>
    <message>
        <source>%1 — PDF from the last session</source>
        <translation>%1 — PDF aus der letzten Sitzung</translation>
    </message>
    <message>
        <source>The PDF shown is from the last session; it is replaced when this compile ends.</source>
        <translation>Das angezeigte PDF stammt aus der letzten Sitzung; es wird ersetzt, wenn diese Kompilierung endet.</translation>
    </message>
</context>
<context>
    <name>coauthor::app::EditorTabs</name>
    <message>
        <source>Cannot save “%1”: the file is in %2, which has no “%3”. Nothing was written; remove the character, or convert the file to UTF-8 (and drop \usepackage[latin1]{inputenc}).</source>
        <translation>„%1“ kann nicht gespeichert werden: Die Datei ist in %2, das kein „%3“ kennt. Es wurde nichts geschrieben; entfernen Sie das Zeichen oder wandeln Sie die Datei in UTF-8 um (und entfernen Sie dann \usepackage[latin1]{inputenc}).</translation>
    </message>
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
    <message>
        <source>Go to Line</source>
        <translation>Gehe zu Zeile</translation>
    </message>
    <message>
        <source>“%1” is a PostScript figure: Coauthor does not show or edit it, and the compile uses it as it is.</source>
        <translation>„%1“ ist eine PostScript-Abbildung: Coauthor zeigt oder bearbeitet sie nicht, die Kompilierung verwendet sie unverändert.</translation>
    </message>
    <message>
        <source>Line (1–%1):</source>
        <translation>Zeile (1–%1):</translation>
    </message>
</context>
<context>
    <name>coauthor::app::EncryptionMark</name>
    <message>
        <source>⚠ Not encrypted</source>
        <translation>⚠ Nicht verschlüsselt</translation>
    </message>
    <message>
        <source>This project&apos;s server is reached over the network without encryption (ws://): anyone on the way can read the token and everything you type. Host with “All network interfaces” (which encrypts) or ask for a wss:// address.</source>
        <translation>Der Server dieses Projekts wird ohne Verschlüsselung über das Netzwerk erreicht (ws://): Jeder auf dem Weg kann das Token und alles, was Sie tippen, mitlesen. Betreiben Sie ihn mit „Alle Netzwerkschnittstellen“ (verschlüsselt) oder fragen Sie nach einer wss://-Adresse.</translation>
    </message>
</context>
<context>
    <name>coauthor::app::FindInFilesPanel</name>
    <message>
        <source>Regular expression</source>
        <translation>Regulärer Ausdruck</translation>
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
        <source>Find All</source>
        <translation>Alle suchen</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Ersetzen</translation>
    </message>
    <message>
        <source>Replace All</source>
        <translation>Alle ersetzen</translation>
    </message>
    <message>
        <source>Find in all files of the project</source>
        <translation>In allen Dateien des Projekts suchen</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>Ersetzen durch</translation>
    </message>
    <message>
        <source>Replace the selected matches (a file: all of its matches)</source>
        <translation>Die ausgewählten Treffer ersetzen (eine Datei: alle ihre Treffer)</translation>
    </message>
    <message>
        <source>Replace every match listed, each file as one undoable edit</source>
        <translation>Jeden aufgelisteten Treffer ersetzen, jede Datei als eine rückgängig machbare Änderung</translation>
    </message>
    <message>
        <source>In the replacement, \1 … \9 insert the groups</source>
        <translation>In der Ersetzung fügen \1 … \9 die Gruppen ein</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n Treffer</numerusform>
            <numerusform>%n Treffer</numerusform>
        </translation>
    </message>
    <message>
        <source>No matches.</source>
        <translation>Keine Treffer.</translation>
    </message>
    <message numerus="yes">
        <source>The first %n matches</source>
        <translation>
            <numerusform>Der erste Treffer</numerusform>
            <numerusform>Die ersten %n Treffer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n file(s).</source>
        <translation>
            <numerusform>in %n Datei.</numerusform>
            <numerusform>in %n Dateien.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coauthor::app::HistoryFeature</name>
    <message>
        <source>restored %1</source>
        <translation>wiederhergestellt: %1</translation>
    </message>
    <message>
        <source>brought back %1 with its history</source>
        <translation>mit seinem Verlauf zurückgeholt: %1</translation>
    </message>
    <message>
        <source>created again %1</source>
        <translation>neu angelegt: %1</translation>
    </message>
    <message>
        <source>renamed back %1</source>
        <translation>zurückbenannt: %1</translation>
    </message>
    <message>
        <source>removed %1</source>
        <translation>entfernt: %1</translation>
    </message>
    <message>
        <source>could not restore %1</source>
        <translation>nicht wiederherstellbar: %1</translation>
    </message>
    <message>
        <source>Nothing to restore: the files are as they were then.</source>
        <translation>Nichts wiederherzustellen: Die Dateien sind so, wie sie damals waren.</translation>
    </message>
    <message>
        <source>History: %1 (Undo in each file takes it back).</source>
        <translation>Verlauf: %1 (Rückgängig in jeder Datei nimmt es zurück).</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>Restore Project</source>
        <translation>Projekt wiederherstellen</translation>
    </message>
    <message>
        <source>Bring every file of the project back as it was at this version? Files made since are removed; each restored file can be taken back with Undo.</source>
        <translation>Alle Dateien des Projekts so wiederherstellen, wie sie in dieser Version waren? Seitdem angelegte Dateien werden entfernt; jede wiederhergestellte Datei lässt sich mit Rückgängig zurücknehmen.</translation>
    </message>
    <message>
        <source>This shared project&apos;s history is on its server: it shows here while the project is connected.</source>
        <translation>Den Verlauf dieses geteilten Projekts führt sein Server: Er erscheint hier, solange das Projekt verbunden ist.</translation>
    </message>
    <message>
        <source>The history could not be read: %1</source>
        <translation>Der Verlauf konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>No changes yet: edits to this project are listed here as you make them.</source>
        <translation>Noch keine Änderungen: Bearbeitungen dieses Projekts erscheinen hier, sobald Sie sie vornehmen.</translation>
    </message>
    <message>
        <source>No file changed between these versions.</source>
        <translation>Zwischen diesen Versionen hat sich keine Datei geändert.</translation>
    </message>
    <message>
        <source>%1 was removed.</source>
        <translation>%1 wurde entfernt.</translation>
    </message>
    <message>
        <source>%1 was added (a binary file).</source>
        <translation>%1 wurde hinzugefügt (eine Binärdatei).</translation>
    </message>
    <message>
        <source>%1 has new content (a binary file).</source>
        <translation>%1 hat neuen Inhalt (eine Binärdatei).</translation>
    </message>
    <message>
        <source>%1 did not exist at that version.</source>
        <translation>%1 gab es in dieser Version nicht.</translation>
    </message>
    <message>
        <source>Add Label</source>
        <translation>Markierung hinzufügen</translation>
    </message>
    <message>
        <source>Name this version (e.g. “Submitted to the journal”):</source>
        <translation>Name für diese Version (z. B. „Bei der Zeitschrift eingereicht“):</translation>
    </message>
    <message>
        <source>Name the project as it is now:</source>
        <translation>Name für den jetzigen Stand des Projekts:</translation>
    </message>
    <message>
        <source>Label “%1” added.</source>
        <translation>Markierung „%1“ hinzugefügt.</translation>
    </message>
    <message>
        <source>Download This Version</source>
        <translation>Diese Version herunterladen</translation>
    </message>
    <message>
        <source>Zip archives (*.zip)</source>
        <translation>Zip-Archive (*.zip)</translation>
    </message>
    <message>
        <source>Saved the version as %1.</source>
        <translation>Version als %1 gespeichert.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Searching the history…</source>
        <translation>Verlauf wird durchsucht…</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n file(s))</source>
        <translation>
            <numerusform>%1 (%n Datei)</numerusform>
            <numerusform>%1 (%n Dateien)</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to restore: the files of %1 are as they were then.</source>
        <translation>Nichts wiederherzustellen: Die Dateien von %1 sind, wie sie damals waren.</translation>
    </message>
    <message>
        <source>%1 had no files at that version.</source>
        <translation>%1 hatte in dieser Version keine Dateien.</translation>
    </message>
</context>
<context>
    <name>coauthor::app::HistoryPanel</name>
    <message>
        <source>%1 (deleted)</source>
        <translation>%1 (gelöscht)</translation>
    </message>
    <message>
        <source>%1 (new)</source>
        <translation>%1 (neu)</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Older Changes</source>
        <translation>Ältere Änderungen</translation>
    </message>
    <message>
        <source>Restore &amp;File</source>
        <translation>&amp;Datei wiederherstellen</translation>
    </message>
    <message>
        <source>Restore &amp;Project</source>
        <translation>&amp;Projekt wiederherstellen</translation>
    </message>
    <message>
        <source>Add &amp;Label…</source>
        <translation>&amp;Markierung hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Download…</source>
        <translation>&amp;Herunterladen…</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>Wörter</translation>
    </message>
    <message>
        <source>Select a change to see what it did; select two to compare those versions</source>
        <translation>Eine Änderung auswählen, um zu sehen, was sie getan hat; zwei auswählen, um diese Versionen zu vergleichen</translation>
    </message>
    <message>
        <source>Search the history (where did this sentence go?)</source>
        <translation>Verlauf durchsuchen (wo ist dieser Satz geblieben?)</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Appears</source>
        <translation>Erscheint</translation>
    </message>
    <message>
        <source>Disappears</source>
        <translation>Verschwindet</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Bring this file back as it was, as new edits (Undo takes them back)</source>
        <translation>Diese Datei so wiederherstellen, wie sie war, als neue Bearbeitungen (Rückgängig nimmt sie zurück)</translation>
    </message>
    <message>
        <source>Bring every file back as it was at this version, as new edits</source>
        <translation>Alle Dateien so wiederherstellen, wie sie in dieser Version waren, als neue Bearbeitungen</translation>
    </message>
    <message>
        <source>Save the project as it was at this version as a .zip file</source>
        <translation>Das Projekt, wie es in dieser Version war, als .zip-Datei speichern</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>+%1 −%2</source>
        <translation>+%1 −%2</translation>
    </message>
    <message>
        <source>Label: %1</source>
        <translation>Markierung: %1</translation>
    </message>
    <message>
        <source>still there</source>
        <translation>noch vorhanden</translation>
    </message>
    <message>
        <source>(back now)</source>
        <translation>(jetzt wieder da)</translation>
    </message>
    <message>
        <source>Not found in the history.</source>
        <translation>Im Verlauf nicht gefunden.</translation>
    </message>
    <message numerus="yes">
        <source>Found in %n file(s).</source>
        <translation>
            <numerusform>In %n Datei gefunden.</numerusform>
            <numerusform>In %n Dateien gefunden.</numerusform>
        </translation>
    </message>
    <message>
        <source>(more not listed)</source>
        <translation>(weitere nicht aufgeführt)</translation>
    </message>
    <message>
        <source>Restore F&amp;older</source>
        <translation>&amp;Ordner wiederherstellen</translation>
    </message>
    <message>
        <source>Bring back every file of the chosen file&apos;s folder as it was, in one go</source>
        <translation>Alle Dateien des Ordners der gewählten Datei in einem Schritt zurückholen, wie sie waren</translation>
    </message>
    <message>
        <source>Bring back every file of %1 as it was, in one go (a deleted folder comes back whole; files made in it since stay)</source>
        <translation>Alle Dateien von %1 in einem Schritt zurückholen, wie sie waren (ein gelöschter Ordner kommt ganz zurück; seitdem darin angelegte Dateien bleiben)</translation>
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
    <name>coauthor::app::InvitationsPanel</name>
    <message>
        <source>People</source>
        <translation>Personen</translation>
    </message>
    <message>
        <source>Invite each person with their own token: the others see the name you give here, and you can revoke one person without changing anybody else&apos;s token.</source>
        <translation>Laden Sie jede Person mit einem eigenen Token ein: Die anderen sehen den Namen, den Sie hier angeben, und Sie können einer Person den Zugang entziehen, ohne die Token der anderen zu ändern.</translation>
    </message>
    <message>
        <source>Name of the person to invite</source>
        <translation>Name der einzuladenden Person</translation>
    </message>
    <message>
        <source>&amp;Read-only</source>
        <translation>Nur &amp;lesen</translation>
    </message>
    <message>
        <source>They can follow the writing but not edit.</source>
        <translation>Die Person kann das Schreiben verfolgen, aber nicht bearbeiten.</translation>
    </message>
    <message>
        <source>&amp;Invite</source>
        <translation>&amp;Einladen</translation>
    </message>
    <message>
        <source>What to send the person you invite appears here.</source>
        <translation>Hier erscheint, was Sie der eingeladenen Person schicken.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the invitation (Open Shared Project can paste it)</source>
        <translation>Einladung kopieren („Geteiltes Projekt öffnen“ kann sie einfügen)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Access</source>
        <translation>Zugriff</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Re&amp;voke</source>
        <translation>&amp;Widerrufen</translation>
    </message>
    <message>
        <source>The person is disconnected at once and their token stops working.</source>
        <translation>Die Person wird sofort getrennt und ihr Token funktioniert nicht mehr.</translation>
    </message>
    <message>
        <source>Coauthor invitation for %1</source>
        <translation>Coauthor-Einladung für %1</translation>
    </message>
    <message>
        <source>Server: %1
Project: %2</source>
        <translation>Server: %1
Projekt: %2</translation>
    </message>
    <message>
        <source>Token (read-only): %1</source>
        <translation>Token (nur Lesen): %1</translation>
    </message>
    <message>
        <source>Token (read-write): %1</source>
        <translation>Token (Lesen/Schreiben): %1</translation>
    </message>
    <message>
        <source>Enter the name of the person to invite: the others see it next to their cursor.</source>
        <translation>Geben Sie den Namen der einzuladenden Person ein: Die anderen sehen ihn neben ihrem Cursor.</translation>
    </message>
    <message>
        <source>Only a project hosted on this computer can invite people from here.</source>
        <translation>Nur ein auf diesem Computer betriebenes Projekt kann von hier aus Personen einladen.</translation>
    </message>
    <message>
        <source>Nobody called “%1” is invited.</source>
        <translation>Niemand namens „%1“ ist eingeladen.</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Nur lesen</translation>
    </message>
    <message>
        <source>Can edit</source>
        <translation>Darf bearbeiten</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <source>Invited</source>
        <translation>Eingeladen</translation>
    </message>
</context>
<context>
    <name>coauthor::app::LocalHistory</name>
    <message>
        <source>The project&apos;s history is not kept: %1</source>
        <translation>Der Verlauf des Projekts wird nicht geführt: %1</translation>
    </message>
    <message>
        <source>The project&apos;s history could not be compacted: %1</source>
        <translation>Der Verlauf des Projekts konnte nicht verdichtet werden: %1</translation>
    </message>
    <message>
        <source>The project&apos;s history could not record a change: %1</source>
        <translation>Der Verlauf des Projekts konnte eine Änderung nicht aufzeichnen: %1</translation>
    </message>
    <message>
        <source>Cannot create %1.</source>
        <translation>%1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Me</source>
        <translation>Ich</translation>
    </message>
</context>
<context>
    <name>coauthor::app::LocalPdfCopy</name>
    <message>
        <source>“%1” is already there and is not the copy Coauthor made, so it was not replaced.</source>
        <translation>„%1“ ist bereits vorhanden und nicht die Kopie, die Coauthor angelegt hat; es wurde daher nicht ersetzt.</translation>
    </message>
    <message>
        <source>Cannot keep a copy of the PDF: the project&apos;s .coauthor folder cannot be written.</source>
        <translation>Keine Kopie des PDF möglich: Der Ordner .coauthor des Projekts kann nicht beschrieben werden.</translation>
    </message>
    <message>
        <source>Cannot write “%1”: %2</source>
        <translation>„%1“ kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Cannot write “%1”.</source>
        <translation>„%1“ kann nicht geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>coauthor::app::MainWindow</name>
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
        <source>Coauthor</source>
        <translation>Coauthor</translation>
    </message>
    <message>
        <source>Open Project Folder</source>
        <translation>Projektordner öffnen</translation>
    </message>
    <message>
        <source>Unsaved changes in this window are not kept for a crash: %1</source>
        <translation>Ungespeicherte Änderungen in diesem Fenster sind nicht vor einem Absturz geschützt: %1</translation>
    </message>
    <message numerus="yes">
        <source>Coauthor did not close properly last time: the unsaved changes to %n file(s) are back (%1), not yet saved.</source>
        <translation>
            <numerusform>Coauthor wurde beim letzten Mal nicht ordnungsgemäß beendet: Die ungespeicherten Änderungen an %n Datei sind wieder da (%1), noch nicht gespeichert.</numerusform>
            <numerusform>Coauthor wurde beim letzten Mal nicht ordnungsgemäß beendet: Die ungespeicherten Änderungen an %n Dateien sind wieder da (%1), noch nicht gespeichert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Main document: %1 (saved in %2 for everyone in the project)</source>
        <translation>Hauptdokument: %1 (in %2 für alle im Projekt gespeichert)</translation>
    </message>
    <message>
        <source>No main document to count: choose one with Set as Main Document.</source>
        <translation>Kein Hauptdokument zum Zählen: Wählen Sie eines mit „Als Hauptdokument festlegen“.</translation>
    </message>
    <message>
        <source>Showing %1; the next compile shows the document again.</source>
        <translation>%1 wird angezeigt; die nächste Kompilierung zeigt wieder das Dokument.</translation>
    </message>
    <message>
        <source>Editor font: %1 pt</source>
        <translation>Editor-Schrift: %1 pt</translation>
    </message>
</context>
<context>
    <name>coauthor::app::NewProjectDialog</name>
    <message>
        <source>New Project</source>
        <translation>Neues Projekt</translation>
    </message>
    <message>
        <source>The document&apos;s title</source>
        <translation>Der Titel des Dokuments</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Ihr Name</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titel:</translation>
    </message>
    <message>
        <source>&amp;Author:</source>
        <translation>&amp;Autor:</translation>
    </message>
    <message>
        <source>&amp;Folder name:</source>
        <translation>&amp;Ordnername:</translation>
    </message>
    <message>
        <source>&amp;Location:</source>
        <translation>Spei&amp;cherort:</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Erstellen</translation>
    </message>
    <message>
        <source>Start from:</source>
        <translation>Vorlage:</translation>
    </message>
    <message>
        <source>Where the Project Goes</source>
        <translation>Wohin das Projekt kommt</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>Neues Projekt</translation>
    </message>
    <message>
        <source>The project will be the folder %1</source>
        <translation>Das Projekt wird der Ordner %1</translation>
    </message>
    <message>
        <source>Choose a template.</source>
        <translation>Wählen Sie eine Vorlage.</translation>
    </message>
    <message>
        <source>Give the project a folder name and a location.</source>
        <translation>Geben Sie dem Projekt einen Ordnernamen und einen Speicherort.</translation>
    </message>
    <message>
        <source>The folder name cannot contain / or \.</source>
        <translation>Der Ordnername darf weder / noch \ enthalten.</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Ohne Titel</translation>
    </message>
</context>
<context>
    <name>coauthor::app::OpenSharedDialog</name>
    <message>
        <source>Open Shared Project</source>
        <translation>Geteiltes Projekt öffnen</translation>
    </message>
    <message>
        <source>Join a project someone shared with you. Its files are copied into a folder on this computer, which stays in step with the others while you are online.</source>
        <translation>Einem Projekt beitreten, das jemand mit Ihnen geteilt hat. Seine Dateien werden in einen Ordner auf diesem Computer kopiert, der mit den anderen Schritt hält, solange Sie online sind.</translation>
    </message>
    <message>
        <source>Server address:</source>
        <translation>Serveradresse:</translation>
    </message>
    <message>
        <source>Project id:</source>
        <translation>Projekt-ID:</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>Token:</translation>
    </message>
    <message>
        <source>Your name:</source>
        <translation>Ihr Name:</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Local folder:</source>
        <translation>Lokaler Ordner:</translation>
    </message>
    <message>
        <source>&amp;Paste Invitation</source>
        <translation>Einladung &amp;einfügen</translation>
    </message>
    <message>
        <source>The clipboard holds no invitation.</source>
        <translation>Die Zwischenablage enthält keine Einladung.</translation>
    </message>
    <message>
        <source>Local Folder</source>
        <translation>Lokaler Ordner</translation>
    </message>
    <message>
        <source>Shared project</source>
        <translation>Geteiltes Projekt</translation>
    </message>
    <message>
        <source>The server address is not valid (for example ws://server:7420/).</source>
        <translation>Die Serveradresse ist ungültig (zum Beispiel ws://server:7420/).</translation>
    </message>
    <message>
        <source>Enter the project id and the token you were given.</source>
        <translation>Geben Sie die Projekt-ID und das Token ein, die Sie erhalten haben.</translation>
    </message>
    <message>
        <source>Enter your name: the others see it next to your cursor.</source>
        <translation>Geben Sie Ihren Namen ein: Die anderen sehen ihn neben Ihrem Cursor.</translation>
    </message>
    <message>
        <source>Choose a folder for the working copy.</source>
        <translation>Wählen Sie einen Ordner für die Arbeitskopie.</translation>
    </message>
    <message>
        <source>from the invitation; empty: trust the first one seen</source>
        <translation>aus der Einladung; leer: dem ersten gesehenen vertrauen</translation>
    </message>
    <message>
        <source>Certificate (SHA-256):</source>
        <translation>Zertifikat (SHA-256):</translation>
    </message>
    <message>
        <source>The certificate&apos;s fingerprint is not valid (32 pairs of hex digits, as in the invitation).</source>
        <translation>Der Fingerabdruck des Zertifikats ist ungültig (32 Paare von Hexadezimalziffern, wie in der Einladung).</translation>
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
    <name>coauthor::app::PdfPane</name>
    <message>
        <source>“%1” was not found in the PDF.</source>
        <translation>„%1“ wurde im PDF nicht gefunden.</translation>
    </message>
    <message>
        <source>Cannot show the PDF: %1</source>
        <translation>Das PDF kann nicht angezeigt werden: %1</translation>
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
    <message>
        <source>%1 / %2</source>
        <comment>page of pages, when the PDF pane is narrow</comment>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>No PDF</source>
        <comment>when the PDF pane is narrow</comment>
        <translation>Kein PDF</translation>
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
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The new language is used after Coauthor is restarted.</source>
        <translation>Die neue Sprache wird nach einem Neustart von Coauthor verwendet.</translation>
    </message>
    <message>
        <source>Check spelling as you type</source>
        <translation>Rechtschreibung beim Tippen prüfen</translation>
    </message>
    <message>
        <source>System language (%1)</source>
        <translation>Systemsprache (%1)</translation>
    </message>
    <message>
        <source>%1 (not installed)</source>
        <translation>%1 (nicht installiert)</translation>
    </message>
    <message>
        <source>Projects can set their own; “% !TEX spellcheck = de_DE” in a file&apos;s first lines wins.</source>
        <translation>Projekte können eine eigene festlegen; „% !TEX spellcheck = de_DE“ in den ersten Zeilen einer Datei hat Vorrang.</translation>
    </message>
    <message>
        <source>Spelling language:</source>
        <translation>Sprache der Rechtschreibprüfung:</translation>
    </message>
    <message>
        <source>No spelling dictionaries are installed (Hunspell&apos;s, e.g. hunspell-en-us).</source>
        <translation>Es sind keine Wörterbücher für die Rechtschreibprüfung installiert (von Hunspell, z. B. hunspell-de-de).</translation>
    </message>
    <message>
        <source>Default engine:</source>
        <translation>Standard-Engine:</translation>
    </message>
    <message>
        <source>For projects without an engine of their own (Build → Engine (This Project), or % !TEX program in the main document)</source>
        <translation>Für Projekte ohne eigene Engine (Erstellen → Engine (dieses Projekt) oder % !TEX program im Hauptdokument)</translation>
    </message>
    <message>
        <source>Insert \end{…} after \begin{…}</source>
        <translation>\end{…} nach \begin{…} einfügen</translation>
    </message>
    <message>
        <source>Close braces, brackets and parentheses as they are typed</source>
        <translation>Geschweifte, eckige und runde Klammern beim Tippen schließen</translation>
    </message>
    <message>
        <source>Close $ math as it is typed</source>
        <translation>$-Mathematik beim Tippen schließen</translation>
    </message>
    <message>
        <source>Show author, year and title when completing \cite</source>
        <translation>Beim Vervollständigen von \cite Autor, Jahr und Titel zeigen</translation>
    </message>
    <message>
        <source>The longest pause after typing before a compile: a project that compiles fast starts sooner (half its last compile&apos;s time, at least 250 ms).</source>
        <translation>Die längste Pause nach dem Tippen vor dem Kompilieren: Ein Projekt, das schnell kompiliert, beginnt früher (nach der halben Dauer seines letzten Kompilierens, mindestens 250 ms).</translation>
    </message>
    <message>
        <source>Delay after typing, at most:</source>
        <translation>Verzögerung nach dem Tippen, höchstens:</translation>
    </message>
</context>
<context>
    <name>coauthor::app::ProblemMapper</name>
    <message>
        <source>Debian/Ubuntu: apt-file search %1; TeX Live: tlmgr search --global --file %1; MiKTeX installs it on first use.</source>
        <translation>Debian/Ubuntu: apt-file search %1; TeX Live: tlmgr search --global --file %1; MiKTeX installiert es bei der ersten Verwendung.</translation>
    </message>
    <message>
        <source>%1 is in the TeX Live package %2 (Debian: sudo apt install %2). %3</source>
        <translation>%1 ist im TeX-Live-Paket %2 (Debian: sudo apt install %2). %3</translation>
    </message>
    <message>
        <source>Install the TeX Live package that provides %1 (%2)</source>
        <translation>Installieren Sie das TeX-Live-Paket, das %1 enthält (%2)</translation>
    </message>
    <message>
        <source>(install the TeX Live package that provides it)</source>
        <translation>(das TeX-Live-Paket installieren, das es enthält)</translation>
    </message>
    <message>
        <source>(install %1)</source>
        <translation>(%1 installieren)</translation>
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
        <translation>
            <numerusform>Probleme (%n Fehler)</numerusform>
            <numerusform>Probleme (%n Fehler)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Problems (%n warning(s))</source>
        <translation>
            <numerusform>Probleme (%n Warnung)</numerusform>
            <numerusform>Probleme (%n Warnungen)</numerusform>
        </translation>
    </message>
    <message>
        <source>Problems (%1, %2)</source>
        <translation>Probleme (%1, %2)</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n Fehler</numerusform>
            <numerusform>%n Fehler</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n Warnung</numerusform>
            <numerusform>%n Warnungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n Error(s)</source>
        <translation>
            <numerusform>%n Fehler</numerusform>
            <numerusform>%n Fehler</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n Warning(s)</source>
        <translation>
            <numerusform>%n Warnung</numerusform>
            <numerusform>%n Warnungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n Bad Box(es)</source>
        <translation>
            <numerusform>%n schlechte Box</numerusform>
            <numerusform>%n schlechte Boxen</numerusform>
        </translation>
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
    <name>coauthor::app::ProjectSettings</name>
    <message>
        <source>The project settings file is larger than %1 KB; it is ignored.</source>
        <translation>Die Projekteinstellungsdatei ist größer als %1 KB; sie wird ignoriert.</translation>
    </message>
    <message>
        <source>The project settings file is not a JSON object; it is ignored.</source>
        <translation>Die Projekteinstellungsdatei ist kein JSON-Objekt; sie wird ignoriert.</translation>
    </message>
    <message>
        <source>The main document in the project settings is not a .tex file inside the project; it is ignored.</source>
        <translation>Das Hauptdokument in den Projekteinstellungen ist keine .tex-Datei im Projekt; es wird ignoriert.</translation>
    </message>
    <message>
        <source>The spelling language in the project settings is not a language code; it is ignored.</source>
        <translation>Die Rechtschreibsprache in den Projekteinstellungen ist kein Sprachcode; sie wird ignoriert.</translation>
    </message>
    <message>
        <source>The project settings file cannot be read: %1</source>
        <translation>Die Projekteinstellungsdatei kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Cannot save the project settings: %1</source>
        <translation>Die Projekteinstellungen können nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>The engine in the project settings is not pdflatex, xelatex, lualatex or uplatex; it is ignored.</source>
        <translation>Die Engine in den Projekteinstellungen ist nicht pdflatex, xelatex, lualatex oder uplatex; sie wird ignoriert.</translation>
    </message>
</context>
<context>
    <name>coauthor::app::ProjectTemplate</name>
    <message>
        <source>Article</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>A paper: sections, an equation, a table and a bibliography (BibTeX).</source>
        <translation>Ein Artikel: Abschnitte, eine Gleichung, eine Tabelle und ein Literaturverzeichnis (BibTeX).</translation>
    </message>
    <message>
        <source>Thesis</source>
        <translation>Abschlussarbeit</translation>
    </message>
    <message>
        <source>A report with a title page, abstract, contents and one file per chapter.</source>
        <translation>Ein Bericht mit Titelseite, Zusammenfassung, Inhaltsverzeichnis und einer Datei pro Kapitel.</translation>
    </message>
    <message>
        <source>Presentation (Beamer)</source>
        <translation>Präsentation (Beamer)</translation>
    </message>
    <message>
        <source>Slides in 16:9 with a title frame, an outline, columns and overlays.</source>
        <translation>Folien in 16:9 mit Titelfolie, Gliederung, Spalten und Overlays.</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Brief</translation>
    </message>
    <message>
        <source>A letter, e.g. the cover letter of a submission.</source>
        <translation>Ein Brief, z. B. das Anschreiben einer Einreichung.</translation>
    </message>
    <message>
        <source>There is no template “%1”.</source>
        <translation>Es gibt keine Vorlage „%1“.</translation>
    </message>
    <message>
        <source>“%1” already exists and is not an empty folder.</source>
        <translation>„%1“ existiert bereits und ist kein leerer Ordner.</translation>
    </message>
    <message>
        <source>Cannot create the folder “%1”.</source>
        <translation>Der Ordner „%1“ kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot read the template file %1.</source>
        <translation>Die Vorlagendatei %1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
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
        <source>New Folder</source>
        <translation>Neuer Ordner</translation>
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
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>(main)</source>
        <translation>(Haupt)</translation>
    </message>
    <message>
        <source>Set as Main Document</source>
        <translation>Als Hauptdokument festlegen</translation>
    </message>
    <message>
        <source>Compile this document; saved in the project, for every collaborator</source>
        <translation>Dieses Dokument übersetzen; im Projekt gespeichert, für alle Mitwirkenden</translation>
    </message>
    <message>
        <source>Cannot copy %1 into the project.</source>
        <translation>%1 kann nicht in das Projekt kopiert werden.</translation>
    </message>
    <message>
        <source>Add Files</source>
        <translation>Dateien hinzufügen</translation>
    </message>
    <message>
        <source>The project already has %1. Replace with the added version?</source>
        <translation>Das Projekt enthält bereits %1. Durch die hinzugefügte Version ersetzen?</translation>
    </message>
    <message>
        <source>the project folder</source>
        <translation>dem Projektordner</translation>
    </message>
    <message>
        <source>Add Files to %1</source>
        <translation>Dateien zu %1 hinzufügen</translation>
    </message>
    <message>
        <source>File name (in %1):</source>
        <translation>Dateiname (in %1):</translation>
    </message>
    <message>
        <source>Folder name (in %1):</source>
        <translation>Ordnername (in %1):</translation>
    </message>
    <message>
        <source>Add Files…</source>
        <translation>Dateien hinzufügen…</translation>
    </message>
    <message>
        <source>Add Files to %1…</source>
        <translation>Dateien zu %1 hinzufügen…</translation>
    </message>
</context>
<context>
    <name>coauthor::app::SearchFeature</name>
    <message>
        <source>Find in Files</source>
        <translation>In Dateien suchen</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message numerus="yes">
        <source>Replaced %n match(es)</source>
        <translation>
            <numerusform>%n Treffer ersetzt</numerusform>
            <numerusform>%n Treffer ersetzt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n file(s).</source>
        <translation>
            <numerusform>in %n Datei.</numerusform>
            <numerusform>in %n Dateien.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not changed (read-only or not text): %1.</source>
        <translation>Nicht geändert (schreibgeschützt oder kein Text): %1.</translation>
    </message>
</context>
<context>
    <name>coauthor::app::SearchQuery</name>
    <message>
        <source>Type what to search for.</source>
        <translation>Geben Sie ein, wonach gesucht werden soll.</translation>
    </message>
    <message>
        <source>Not a valid regular expression: %1</source>
        <translation>Kein gültiger regulärer Ausdruck: %1</translation>
    </message>
</context>
<context>
    <name>coauthor::app::ServerBuild</name>
    <message>
        <source>The PDF was too large for the server to keep (%1 MB).</source>
        <translation>Das PDF war zu groß, um auf dem Server aufbewahrt zu werden (%1 MB).</translation>
    </message>
</context>
<context>
    <name>coauthor::app::ServerCompile</name>
    <message numerus="yes">
        <source>The server did not finish the compile in %n minute(s).</source>
        <translation>
            <numerusform>Der Server hat das Kompilieren nicht in %n Minute beendet.</numerusform>
            <numerusform>Der Server hat das Kompilieren nicht in %n Minuten beendet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sending your last edits to the server…</source>
        <translation>Ihre letzten Änderungen gehen an den Server…</translation>
    </message>
    <message>
        <source>Sending the compile to the server…</source>
        <translation>Kompilieren wird an den Server gesendet…</translation>
    </message>
    <message>
        <source>Queued on the server…</source>
        <translation>Auf dem Server in der Warteschlange…</translation>
    </message>
    <message>
        <source>Compiling on the server…</source>
        <translation>Wird auf dem Server kompiliert…</translation>
    </message>
    <message>
        <source>Compiling on the server (%1)…</source>
        <translation>Wird auf dem Server kompiliert (%1)…</translation>
    </message>
    <message>
        <source>Compiling on the server: pass %1…</source>
        <translation>Wird auf dem Server kompiliert: Durchlauf %1…</translation>
    </message>
    <message>
        <source>Downloading the compile from the server…</source>
        <translation>Ergebnis wird vom Server geladen…</translation>
    </message>
    <message>
        <source>The server has no compile of this project yet: use Compile on Server.</source>
        <translation>Der Server hat dieses Projekt noch nicht kompiliert: verwenden Sie „Auf dem Server kompilieren“.</translation>
    </message>
    <message>
        <source>Downloading the PDF from the server: %1%…</source>
        <translation>PDF wird vom Server geladen: %1 %…</translation>
    </message>
    <message>
        <source>Downloading the PDF from the server: %1…</source>
        <translation>PDF wird vom Server geladen: %1…</translation>
    </message>
    <message>
        <source>The server no longer has the PDF of this compile (it keeps outputs for an hour): compile again.</source>
        <translation>Der Server hat das PDF dieses Kompilierens nicht mehr (er bewahrt Ergebnisse eine Stunde auf): kompilieren Sie erneut.</translation>
    </message>
    <message>
        <source>This server cannot compile: it runs without compile workers.</source>
        <translation>Dieser Server kann nicht kompilieren: er läuft ohne Compile-Worker.</translation>
    </message>
    <message>
        <source>Not connected to the server: nothing was compiled there.</source>
        <translation>Nicht mit dem Server verbunden: dort wurde nichts kompiliert.</translation>
    </message>
    <message>
        <source>The connection to the server closed before it answered: compile again once it is back.</source>
        <translation>Die Verbindung zum Server wurde vor seiner Antwort geschlossen: kompilieren Sie erneut, sobald er wieder da ist.</translation>
    </message>
    <message>
        <source>The server cannot compile the main document: it is not a document of the shared project.</source>
        <translation>Der Server kann das Hauptdokument nicht kompilieren: es ist kein Dokument des geteilten Projekts.</translation>
    </message>
    <message>
        <source>The server’s storage is unavailable: try again in a moment.</source>
        <translation>Der Speicher des Servers ist nicht erreichbar: versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>The server refused this project’s invitation token.</source>
        <translation>Der Server hat das Einladungstoken dieses Projekts abgelehnt.</translation>
    </message>
    <message>
        <source>This invitation is not a member of the project on the server.</source>
        <translation>Diese Einladung ist auf dem Server kein Mitglied des Projekts.</translation>
    </message>
    <message>
        <source>The server is busy with too many requests: try again in a moment.</source>
        <translation>Der Server hat zu viele Anfragen: versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>The PDF is larger than the %1 this app downloads.</source>
        <translation>Das PDF ist größer als die %1, die diese App herunterlädt.</translation>
    </message>
    <message>
        <source>The server’s certificate is not the one this project trusts: nothing was downloaded.</source>
        <translation>Das Zertifikat des Servers ist nicht das, dem dieses Projekt vertraut: nichts wurde heruntergeladen.</translation>
    </message>
    <message>
        <source>Cannot save the server’s PDF on this computer: %1</source>
        <translation>Das PDF des Servers kann auf diesem Rechner nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>The server’s answer could not be read: is it a newer or older version?</source>
        <translation>Die Antwort des Servers ist unlesbar: ist er eine neuere oder ältere Version?</translation>
    </message>
    <message>
        <source>The download from the server failed: %1</source>
        <translation>Das Herunterladen vom Server ist fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>coauthor::app::ServerError</name>
    <message>
        <source>The server did not accept the token: it was mistyped, or the invitation was revoked.</source>
        <translation>Der Server hat das Token nicht angenommen: Es wurde falsch eingegeben, oder die Einladung wurde widerrufen.</translation>
    </message>
    <message>
        <source>The server has no such project.</source>
        <translation>Der Server hat kein solches Projekt.</translation>
    </message>
    <message>
        <source>Your invitation to this project was revoked; your copy stays on this computer.</source>
        <translation>Ihre Einladung zu diesem Projekt wurde widerrufen; Ihre Kopie bleibt auf diesem Computer.</translation>
    </message>
    <message>
        <source>This working copy belongs to another member of the project; open the project afresh with your own invitation.</source>
        <translation>Diese Arbeitskopie gehört einem anderen Mitglied des Projekts; öffnen Sie das Projekt neu mit Ihrer eigenen Einladung.</translation>
    </message>
    <message>
        <source>This working copy was opened somewhere else, which took over its connection.</source>
        <translation>Diese Arbeitskopie wurde anderswo geöffnet und hat ihre Verbindung übernommen.</translation>
    </message>
    <message>
        <source>You can read this project but not change it.</source>
        <translation>Sie können dieses Projekt lesen, aber nicht ändern.</translation>
    </message>
    <message>
        <source>The file is larger than the server takes (%1).</source>
        <translation>Die Datei ist größer, als der Server annimmt (%1).</translation>
    </message>
    <message>
        <source>The document would grow past the server&apos;s limit (%1).</source>
        <translation>Das Dokument würde die Grenze des Servers überschreiten (%1).</translation>
    </message>
    <message>
        <source>The server refused the name: %1</source>
        <translation>Der Server hat den Namen abgelehnt: %1</translation>
    </message>
    <message>
        <source>A file or folder of that name exists already.</source>
        <translation>Eine Datei oder ein Ordner dieses Namens existiert bereits.</translation>
    </message>
    <message>
        <source>That file or folder is no longer in the project.</source>
        <translation>Diese Datei oder dieser Ordner ist nicht mehr im Projekt.</translation>
    </message>
    <message>
        <source>That document is no longer in the project.</source>
        <translation>Dieses Dokument ist nicht mehr im Projekt.</translation>
    </message>
    <message>
        <source>The server cannot store edits just now; yours are kept and sent again.</source>
        <translation>Der Server kann gerade keine Änderungen speichern; Ihre bleiben erhalten und werden erneut gesendet.</translation>
    </message>
    <message>
        <source>The server had a problem; your edits are kept and sent again.</source>
        <translation>Der Server hatte ein Problem; Ihre Änderungen bleiben erhalten und werden erneut gesendet.</translation>
    </message>
    <message>
        <source>The server asked this app to slow down; edits wait and are sent again.</source>
        <translation>Der Server hat diese App gebeten, langsamer zu senden; Änderungen warten und werden erneut gesendet.</translation>
    </message>
    <message>
        <source>The server has too many connections from this address; it retries later.</source>
        <translation>Der Server hat zu viele Verbindungen von dieser Adresse; es wird später erneut versucht.</translation>
    </message>
    <message>
        <source>The server runs a version of Coauthor this app cannot talk to; update one of them.</source>
        <translation>Auf dem Server läuft eine Coauthor-Version, mit der diese App nicht sprechen kann; aktualisieren Sie eine der beiden.</translation>
    </message>
    <message>
        <source>A file of the shared project could not be written here (%1); it is kept in memory and written again.</source>
        <translation>Eine Datei des geteilten Projekts konnte hier nicht geschrieben werden (%1); sie bleibt im Speicher und wird erneut geschrieben.</translation>
    </message>
    <message>
        <source>A collaborator&apos;s file was not written here, because its name is not safe: %1</source>
        <translation>Die Datei eines Mitautors wurde hier nicht geschrieben, weil ihr Name nicht sicher ist: %1</translation>
    </message>
    <message>
        <source>Edits not yet sent cannot be saved on this computer (%1).</source>
        <translation>Noch nicht gesendete Änderungen können auf diesem Computer nicht gesichert werden (%1).</translation>
    </message>
    <message>
        <source>The server refused a request (%1).</source>
        <translation>Der Server hat eine Anfrage abgelehnt (%1).</translation>
    </message>
    <message>
        <source>The server refused a request (%1): %2</source>
        <translation>Der Server hat eine Anfrage abgelehnt (%1): %2</translation>
    </message>
</context>
<context>
    <name>coauthor::app::ServerHost</name>
    <message>
        <source>Cannot run “%1”: %2</source>
        <translation>„%1“ kann nicht ausgeführt werden: %2</translation>
    </message>
    <message>
        <source>The server&apos;s command did not finish in time.</source>
        <translation>Der Serverbefehl ist nicht rechtzeitig fertig geworden.</translation>
    </message>
    <message>
        <source>The server&apos;s command failed.</source>
        <translation>Der Serverbefehl ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Cannot create the server&apos;s folder “%1”.</source>
        <translation>Der Serverordner „%1“ kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Unexpected answer from the server: %1</source>
        <translation>Unerwartete Antwort des Servers: %1</translation>
    </message>
    <message>
        <source>“%1” is not an IP address.</source>
        <translation>„%1“ ist keine IP-Adresse.</translation>
    </message>
    <message>
        <source>Cannot start “%1”: %2</source>
        <translation>„%1“ kann nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>The server did not start in time.</source>
        <translation>Der Server ist nicht rechtzeitig gestartet.</translation>
    </message>
</context>
<context>
    <name>coauthor::app::ShareDialog</name>
    <message>
        <source>Share Project “%1”</source>
        <translation>Projekt „%1“ teilen</translation>
    </message>
    <message>
        <source>Sharing uploads this project to a Coauthor server. This folder stays your working copy: edits are saved into it and sent to the others as you type.</source>
        <translation>Beim Teilen wird dieses Projekt auf einen Coauthor-Server hochgeladen. Dieser Ordner bleibt Ihre Arbeitskopie: Änderungen werden beim Tippen darin gespeichert und an die anderen gesendet.</translation>
    </message>
    <message>
        <source>&amp;Host on this computer</source>
        <translation>Auf diesem Computer &amp;betreiben</translation>
    </message>
    <message>
        <source>All network interfaces, encrypted (others can join)</source>
        <translation>Alle Netzwerkschnittstellen, verschlüsselt (andere können beitreten)</translation>
    </message>
    <message>
        <source>This computer only</source>
        <translation>Nur dieser Computer</translation>
    </message>
    <message>
        <source>Listen on:</source>
        <translation>Lauschen auf:</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>beliebiger freier Port</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <source>Use an &amp;existing server</source>
        <translation>&amp;Vorhandenen Server verwenden</translation>
    </message>
    <message>
        <source>Server address:</source>
        <translation>Serveradresse:</translation>
    </message>
    <message>
        <source>an empty project made with “coauthor-server project create”</source>
        <translation>ein leeres Projekt, angelegt mit „coauthor-server project create“</translation>
    </message>
    <message>
        <source>Project id:</source>
        <translation>Projekt-ID:</translation>
    </message>
    <message>
        <source>Read-write token:</source>
        <translation>Lese-/Schreib-Token:</translation>
    </message>
    <message>
        <source>Your name:</source>
        <translation>Ihr Name:</translation>
    </message>
    <message>
        <source>&amp;Share</source>
        <translation>&amp;Teilen</translation>
    </message>
    <message>
        <source>The project is shared and this folder is live. Give the others the server address, the project id and a token; they open it with File → Open Shared Project…</source>
        <translation>Das Projekt ist geteilt und dieser Ordner ist live. Geben Sie den anderen die Serveradresse, die Projekt-ID und ein Token; sie öffnen es mit Datei → Geteiltes Projekt öffnen…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>%1 kopieren</translation>
    </message>
    <message>
        <source>Read-only token:</source>
        <translation>Nur-Lese-Token:</translation>
    </message>
    <message>
        <source>A read-only token lets someone follow the writing without editing.</source>
        <translation>Mit einem Nur-Lese-Token kann jemand das Schreiben verfolgen, ohne zu bearbeiten.</translation>
    </message>
    <message>
        <source>The server runs in this app: it stops when Coauthor quits, and starts again when you open this folder.</source>
        <translation>Der Server läuft in dieser App: Er stoppt, wenn Coauthor beendet wird, und startet wieder, wenn Sie diesen Ordner öffnen.</translation>
    </message>
    <message>
        <source>Copy &amp;All</source>
        <translation>&amp;Alles kopieren</translation>
    </message>
    <message>
        <source>Copy everything as one message (Open Shared Project can paste it)</source>
        <translation>Alles als eine Nachricht kopieren („Geteiltes Projekt öffnen“ kann sie einfügen)</translation>
    </message>
    <message>
        <source>Server: %1
Project: %2
Token (read-write): %3</source>
        <translation>Server: %1
Projekt: %2
Token (Lesen/Schreiben): %3</translation>
    </message>
    <message>
        <source>Token (read-only): %1</source>
        <translation>Token (nur Lesen): %1</translation>
    </message>
    <message>
        <source>Enter your name: the others see it next to your cursor.</source>
        <translation>Geben Sie Ihren Namen ein: Die anderen sehen ihn neben Ihrem Cursor.</translation>
    </message>
    <message>
        <source>The server did not start: %1</source>
        <translation>Der Server ist nicht gestartet: %1</translation>
    </message>
    <message>
        <source>The server address is not valid (for example ws://server:7420/).</source>
        <translation>Die Serveradresse ist ungültig (zum Beispiel ws://server:7420/).</translation>
    </message>
    <message>
        <source>Enter the project id and a read-write token.</source>
        <translation>Geben Sie die Projekt-ID und ein Lese-/Schreib-Token ein.</translation>
    </message>
    <message>
        <source>Certificate (SHA-256):</source>
        <translation>Zertifikat (SHA-256):</translation>
    </message>
    <message>
        <source>⚠ Not encrypted: this server is reached over the network by ws://, so anyone on the way can read the token and the text. Prefer a wss:// address.</source>
        <translation>⚠ Nicht verschlüsselt: Dieser Server wird über das Netzwerk per ws:// erreicht, daher kann jeder auf dem Weg das Token und den Text mitlesen. Verwenden Sie besser eine wss://-Adresse.</translation>
    </message>
    <message>
        <source>Certificate (SHA-256): %1</source>
        <translation>Zertifikat (SHA-256): %1</translation>
    </message>
</context>
<context>
    <name>coauthor::app::ShortcutsDialog</name>
    <message>
        <source>Other</source>
        <translation>Weitere</translation>
    </message>
    <message>
        <source>Editor</source>
        <translation>Editor</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Filter by command or key</source>
        <translation>Nach Befehl oder Taste filtern</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Tastenkürzel</translation>
    </message>
</context>
<context>
    <name>coauthor::app::SpellFeature</name>
    <message>
        <source>Spell check is off: the %1 dictionary cannot be read (%2).</source>
        <translation>Die Rechtschreibprüfung ist aus: Das Wörterbuch %1 kann nicht gelesen werden (%2).</translation>
    </message>
    <message>
        <source>Spell check is off: no %1 dictionary is installed. Install one (on Debian or Ubuntu: apt install %2) or choose another language in Preferences.</source>
        <translation>Die Rechtschreibprüfung ist aus: Es ist kein Wörterbuch für %1 installiert. Installieren Sie eines (unter Debian oder Ubuntu: apt install %2) oder wählen Sie in den Einstellungen eine andere Sprache.</translation>
    </message>
    <message>
        <source>“%1” is accepted until Coauthor closes: there is no project to keep it in.</source>
        <translation>„%1“ gilt bis zum Beenden von Coauthor als richtig: Es ist kein Projekt offen, in dem es gespeichert werden kann.</translation>
    </message>
    <message>
        <source>Cannot add “%1” to %2: %3</source>
        <translation>„%1“ kann nicht zu %2 hinzugefügt werden: %3</translation>
    </message>
</context>
<context>
    <name>coauthor::app::SyncStatusLabel</name>
    <message>
        <source>Not shared</source>
        <translation>Nicht geteilt</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n edit(s) not yet sent</source>
        <translation>
            <numerusform>%1 · %n Änderung noch nicht gesendet</numerusform>
            <numerusform>%1 · %n Änderungen noch nicht gesendet</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · read-only</source>
        <translation>%1 · nur lesen</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Nothing is lost yet: edits are kept in memory and sent to the server while online, and written to this computer as soon as there is room again. Quitting while offline would lose them.</source>
        <translation>Noch ist nichts verloren: Änderungen werden im Speicher gehalten, online an den Server gesendet und auf diesem Computer gespeichert, sobald wieder Platz ist. Wer offline beendet, verliert sie.</translation>
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
        <source>Open Shared Project…</source>
        <translation>Geteiltes Projekt öffnen…</translation>
    </message>
    <message>
        <source>Join a project someone shared: server address, project id and token</source>
        <translation>Einem geteilten Projekt beitreten: Serveradresse, Projekt-ID und Token</translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>Zuletzt verwendete Projekte</translation>
    </message>
    <message>
        <source>No recent projects yet.</source>
        <translation>Noch keine zuletzt verwendeten Projekte.</translation>
    </message>
    <message>
        <source>New Project…</source>
        <translation>Neues Projekt…</translation>
    </message>
    <message>
        <source>Start from a template: article, thesis, slides or letter</source>
        <translation>Mit einer Vorlage beginnen: Artikel, Abschlussarbeit, Folien oder Brief</translation>
    </message>
</context>
<context>
    <name>coauthor::app::WindowDocks</name>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>Outline</source>
        <translation>Gliederung</translation>
    </message>
</context>
<context>
    <name>coauthor::app::WordCountDialog</name>
    <message>
        <source>Word Count</source>
        <translation>Wörter zählen</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>Wörter</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>In headings</source>
        <translation>In Überschriften</translation>
    </message>
    <message>
        <source>In captions</source>
        <translation>In Beschriftungen</translation>
    </message>
    <message>
        <source>Headings</source>
        <translation>Überschriften</translation>
    </message>
    <message>
        <source>Floats</source>
        <translation>Gleitobjekte</translation>
    </message>
    <message>
        <source>Inline math</source>
        <translation>Formeln im Text</translation>
    </message>
    <message>
        <source>Displayed math</source>
        <translation>Abgesetzte Formeln</translation>
    </message>
    <message>
        <source>Words in \section{…} and other headings</source>
        <translation>Wörter in \section{…} und anderen Überschriften</translation>
    </message>
    <message>
        <source>Words in captions and footnotes</source>
        <translation>Wörter in Beschriftungen und Fußnoten</translation>
    </message>
    <message>
        <source>Number of headings</source>
        <translation>Anzahl der Überschriften</translation>
    </message>
    <message>
        <source>Number of figures, tables and other floats</source>
        <translation>Anzahl der Abbildungen, Tabellen und anderen Gleitobjekte</translation>
    </message>
    <message>
        <source>Counted as TeXcount counts (texcount -inc): the preamble, commands, labels, citation keys, math and the body of floats other than captions are not words.</source>
        <translation>Gezählt wie von TeXcount (texcount -inc): Präambel, Befehle, Labels, Zitierschlüssel, Formeln und der Inhalt von Gleitobjekten außer Beschriftungen sind keine Wörter.</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n word(s) in total</source>
        <translation>
            <numerusform>%1: insgesamt %n Wort</numerusform>
            <numerusform>%1: insgesamt %n Wörter</numerusform>
        </translation>
    </message>
    <message>
        <source>Not found, not counted: %1</source>
        <translation>Nicht gefunden, nicht gezählt: %1</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
</context>
<context>
    <name>coauthor::compile::LogHint</name>
    <message>
        <source>The glossary needs bib2gls, which is not installed here (Debian packages texlive-bibtex-extra and default-jre-headless).</source>
        <translation>Das Glossar braucht bib2gls, das hier nicht installiert ist (Debian-Pakete texlive-bibtex-extra und default-jre-headless).</translation>
    </message>
    <message>
        <source>The glossary needs bib2gls, which runs only with full shell escape (not on TeX Live&apos;s safe list); allow it for this project in the Build menu if you trust the project, or the glossary stays empty.</source>
        <translation>Das Glossar braucht bib2gls, das nur mit vollem Shell-Escape läuft (es steht nicht auf der sicheren Liste von TeX Live); erlauben Sie es für dieses Projekt im Menü Erstellen, wenn Sie dem Projekt vertrauen, sonst bleibt das Glossar leer.</translation>
    </message>
    <message>
        <source>bib2gls ran but wrote no glossary: see its log, %1.</source>
        <translation>bib2gls lief, schrieb aber kein Glossar: siehe sein Protokoll, %1.</translation>
    </message>
    <message>
        <source>bib2gls ran but wrote no glossary: %2 (its log: %1).</source>
        <translation>bib2gls lief, schrieb aber kein Glossar: %2 (sein Protokoll: %1).</translation>
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
        <translation>
            <numerusform>%n Treffer</numerusform>
            <numerusform>%n Treffer</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coauthor::editor::LatexEditor</name>
    <message>
        <source>Complete the command, environment, label or citation</source>
        <translation>Befehl, Umgebung, Label oder Zitat vervollständigen</translation>
    </message>
    <message>
        <source>Accept the completion</source>
        <translation>Vervollständigung übernehmen</translation>
    </message>
    <message>
        <source>Indent the selected lines</source>
        <translation>Ausgewählte Zeilen einrücken</translation>
    </message>
    <message>
        <source>New line with the same indentation (after \begin{…}: the matching \end{…})</source>
        <translation>Neue Zeile mit gleicher Einrückung (nach \begin{…}: das passende \end{…})</translation>
    </message>
    <message>
        <source>Delete an empty pair of braces, brackets or $</source>
        <translation>Leeres Klammer- oder $-Paar löschen</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <comment>two authors in the citation popup</comment>
        <translation>%1 und %2</translation>
    </message>
    <message>
        <source>%1 et al.</source>
        <comment>three or more authors in the citation popup</comment>
        <translation>%1 et al.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>author (year)</comment>
        <translation>%1 (%2)</translation>
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
    <name>coauthor::editor::SpellSquiggles</name>
    <message>
        <source>No Suggestions</source>
        <translation>Keine Vorschläge</translation>
    </message>
    <message>
        <source>Add to Dictionary</source>
        <translation>Zum Wörterbuch hinzufügen</translation>
    </message>
    <message>
        <source>Adds “%1” to the project&apos;s dictionary (.coauthor-dictionary)</source>
        <translation>Fügt „%1“ dem Wörterbuch des Projekts hinzu (.coauthor-dictionary)</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Ignorieren</translation>
    </message>
    <message>
        <source>Accepts “%1” in this editor until the app closes</source>
        <translation>Lässt „%1“ in diesem Editor bis zum Beenden der App gelten</translation>
    </message>
</context>
<context>
    <name>coauthor::spell::SpellChecker</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Cannot read %1</source>
        <translation>%1 kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>The dictionary %1 uses the encoding %2, which is not supported.</source>
        <translation>Das Wörterbuch %1 verwendet die Kodierung %2, die nicht unterstützt wird.</translation>
    </message>
</context>
<context>
    <name>coauthor::spell::SpellDictionaries</name>
    <message>
        <source>No spelling dictionary for %1 is installed.</source>
        <translation>Es ist kein Wörterbuch für %1 installiert.</translation>
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

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>coauthor::app::AppStatusBar</name>
    <message numerus="yes">
        <source>%n word(s) selected</source>
        <translation>
            <numerusform>%n word selected</numerusform>
            <numerusform>%n words selected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coauthor::app::CollabFeature</name>
    <message numerus="yes">
        <source>Connected to the project this computer hosts: %n other(s) (%1). Quitting stops the server: they keep their edits but cannot reach each other until you share again. Quit anyway?</source>
        <translation>
            <numerusform>Connected to the project this computer hosts: %n other (%1). Quitting stops the server: they keep their edits but cannot reach each other until you share again. Quit anyway?</numerusform>
            <numerusform>Connected to the project this computer hosts: %n others (%1). Quitting stops the server: they keep their edits but cannot reach each other until you share again. Quit anyway?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coauthor::app::CompileFeature</name>
    <message numerus="yes">
        <source>Compiled on the server: %n error(s)</source>
        <translation>
            <numerusform>Compiled on the server: %n error</numerusform>
            <numerusform>Compiled on the server: %n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Compile on the server failed: %n error(s)</source>
        <translation>
            <numerusform>Compile on the server failed: %n error</numerusform>
            <numerusform>Compile on the server failed: %n errors</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coauthor::app::CompileStatusLabel</name>
    <message numerus="yes">
        <source>Compile failed: %n error(s)</source>
        <translation>
            <numerusform>Compile failed: %n error</numerusform>
            <numerusform>Compile failed: %n errors</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coauthor::app::FindInFilesPanel</name>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The first %n matches</source>
        <translation>
            <numerusform>The first match</numerusform>
            <numerusform>The first %n matches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n file(s).</source>
        <translation>
            <numerusform>in %n file.</numerusform>
            <numerusform>in %n files.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coauthor::app::HistoryFeature</name>
    <message numerus="yes">
        <source>%1 (%n file(s))</source>
        <translation>
            <numerusform>%1 (%n file)</numerusform>
            <numerusform>%1 (%n files)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coauthor::app::HistoryPanel</name>
    <message numerus="yes">
        <source>Found in %n file(s).</source>
        <translation>
            <numerusform>Found in %n file.</numerusform>
            <numerusform>Found in %n files.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coauthor::app::MainWindow</name>
    <message numerus="yes">
        <source>Coauthor did not close properly last time: the unsaved changes to %n file(s) are back (%1), not yet saved.</source>
        <translation>
            <numerusform>Coauthor did not close properly last time: the unsaved changes to %n file are back (%1), not yet saved.</numerusform>
            <numerusform>Coauthor did not close properly last time: the unsaved changes to %n files are back (%1), not yet saved.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coauthor::app::ProblemsPanel</name>
    <message numerus="yes">
        <source>Problems (%n error(s))</source>
        <translation>
            <numerusform>Problems (%n error)</numerusform>
            <numerusform>Problems (%n errors)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Problems (%n warning(s))</source>
        <translation>
            <numerusform>Problems (%n warning)</numerusform>
            <numerusform>Problems (%n warnings)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n Error(s)</source>
        <translation>
            <numerusform>%n Error</numerusform>
            <numerusform>%n Errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n Warning(s)</source>
        <translation>
            <numerusform>%n Warning</numerusform>
            <numerusform>%n Warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n Bad Box(es)</source>
        <translation>
            <numerusform>%n Bad Box</numerusform>
            <numerusform>%n Bad Boxes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coauthor::app::SearchFeature</name>
    <message numerus="yes">
        <source>Replaced %n match(es)</source>
        <translation>
            <numerusform>Replaced %n match</numerusform>
            <numerusform>Replaced %n matches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n file(s).</source>
        <translation>
            <numerusform>in %n file.</numerusform>
            <numerusform>in %n files.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coauthor::app::ServerCompile</name>
    <message numerus="yes">
        <source>The server did not finish the compile in %n minute(s).</source>
        <translation>
            <numerusform>The server did not finish the compile in %n minute.</numerusform>
            <numerusform>The server did not finish the compile in %n minutes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coauthor::app::SyncStatusLabel</name>
    <message numerus="yes">
        <source>%1 · %n edit(s) not yet sent</source>
        <translation>
            <numerusform>%1 · %n edit not yet sent</numerusform>
            <numerusform>%1 · %n edits not yet sent</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coauthor::app::WordCountDialog</name>
    <message numerus="yes">
        <source>%1: %n word(s) in total</source>
        <translation>
            <numerusform>%1: %n word in total</numerusform>
            <numerusform>%1: %n words in total</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coauthor::editor::FindReplaceBar</name>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
</context>
</TS>

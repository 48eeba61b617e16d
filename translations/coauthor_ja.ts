<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>HostCertificate</name>
    <message>
        <source>Cannot read “%1”: %2</source>
        <translation>“%1” を読み込めません: %2</translation>
    </message>
    <message>
        <source>“%1” holds no certificate.</source>
        <translation>“%1” に証明書がありません。</translation>
    </message>
    <message>
        <source>Cannot create the folder “%1”.</source>
        <translation>フォルダー “%1” を作成できません。</translation>
    </message>
    <message>
        <source>Cannot run “openssl” to make the server&apos;s certificate: %1</source>
        <translation>サーバーの証明書を作るための “openssl” を実行できません: %1</translation>
    </message>
    <message>
        <source>“openssl” could not make the server&apos;s certificate: %1</source>
        <translation>“openssl” はサーバーの証明書を作成できませんでした: %1</translation>
    </message>
    <message>
        <source>Cannot write the server&apos;s certificate into “%1”.</source>
        <translation>サーバーの証明書を “%1” に書き込めません。</translation>
    </message>
</context>
<context>
    <name>ShareLink</name>
    <message>
        <source>Cannot write “%1”: %2</source>
        <translation>“%1” に書き込めません: %2</translation>
    </message>
</context>
<context>
    <name>coauthor::app::AboutDialog</name>
    <message>
        <source>About Coauthor</source>
        <translation>Coauthor について</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Coauthor %1&lt;/h3&gt;&lt;p&gt;A collaborative LaTeX editor: write alone and offline, or together through a small server you host yourself.&lt;/p&gt;&lt;p&gt;Built with Qt %2, Poppler and SyncTeX.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Coauthor %1&lt;/h3&gt;&lt;p&gt;共同編集できる LaTeX エディター: ひとりでオフラインでも、自分で運用する小さなサーバーを通じてみんなでも書けます。&lt;/p&gt;&lt;p&gt;Qt %2、Poppler、SyncTeX を使用しています。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>coauthor::app::AppActions</name>
    <message>
        <source>&amp;New File…</source>
        <translation>新規ファイル(&amp;N)…</translation>
    </message>
    <message>
        <source>New &amp;Folder…</source>
        <translation>新規フォルダー(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Open Project…</source>
        <translation>プロジェクトを開く(&amp;O)…</translation>
    </message>
    <message>
        <source>Close Pro&amp;ject</source>
        <translation>プロジェクトを閉じる(&amp;J)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save A&amp;ll</source>
        <translation>すべて保存(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Close Tab</source>
        <translation>タブを閉じる(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>元に戻す(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>やり直す(&amp;R)</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>切り取り(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>コピー(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>貼り付け(&amp;P)</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>すべて選択(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>検索(&amp;F)…</translation>
    </message>
    <message>
        <source>R&amp;eplace…</source>
        <translation>置換(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Go to Line…</source>
        <translation>指定行へ移動(&amp;G)…</translation>
    </message>
    <message>
        <source>Toggle &amp;Comment</source>
        <translation>コメントの切り替え(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Compile</source>
        <translation>コンパイル(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Full Rebuild</source>
        <translation>完全に再ビルド(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Auto-Compile</source>
        <translation>自動コンパイル(&amp;A)</translation>
    </message>
    <message>
        <source>Compile automatically when typing stops</source>
        <translation>入力が止まったら自動的にコンパイルする</translation>
    </message>
    <message>
        <source>Show &amp;Log</source>
        <translation>ログを表示(&amp;L)</translation>
    </message>
    <message>
        <source>Open PDF in &amp;External Viewer</source>
        <translation>外部ビューアーで PDF を開く(&amp;E)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>拡大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>縮小(&amp;O)</translation>
    </message>
    <message>
        <source>Fit &amp;Width</source>
        <translation>幅に合わせる(&amp;W)</translation>
    </message>
    <message>
        <source>Fit &amp;Page</source>
        <translation>ページに合わせる(&amp;P)</translation>
    </message>
    <message>
        <source>Show in &amp;PDF</source>
        <translation>PDF で表示(&amp;P)</translation>
    </message>
    <message>
        <source>Show the current line in the PDF (Ctrl+J)</source>
        <translation>現在の行を PDF で表示 (Ctrl+J)</translation>
    </message>
    <message>
        <source>Find in PD&amp;F…</source>
        <translation>PDF 内を検索(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>設定(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;About Coauthor</source>
        <translation>Coauthor について(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近使ったプロジェクト(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Build</source>
        <translation>ビルド(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>パネル(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>設定(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>%1 (not installed)</source>
        <translation>%1 (未インストール)</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>一覧を消去</translation>
    </message>
    <message>
        <source>Main Tool Bar</source>
        <translation>メインツールバー</translation>
    </message>
    <message>
        <source>Find in &amp;Files…</source>
        <translation>ファイル内を検索(&amp;F)…</translation>
    </message>
    <message>
        <source>New &amp;Project…</source>
        <translation>新しいプロジェクト(&amp;P)…</translation>
    </message>
    <message>
        <source>Preferences’ Default</source>
        <translation>環境設定の既定</translation>
    </message>
    <message>
        <source>Compile this project with the engine chosen in Preferences</source>
        <translation>環境設定で選んだエンジンでこのプロジェクトをコンパイル</translation>
    </message>
    <message>
        <source>&amp;Word Count…</source>
        <translation>単語数(&amp;W)…</translation>
    </message>
    <message>
        <source>Count the words of the document, per file, as TeXcount does</source>
        <translation>TeXcount と同じ方法で文書の単語をファイルごとに数える</translation>
    </message>
    <message>
        <source>&amp;Engine (This Project)</source>
        <translation>エンジン (このプロジェクト)(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>ツール(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Add Files…</source>
        <translation>ファイルを追加(&amp;A)…</translation>
    </message>
    <message>
        <source>Copy files (figures, data) into the project; shared projects upload them</source>
        <translation>ファイル（図、データ）をプロジェクトにコピーします。共有プロジェクトではアップロードされます</translation>
    </message>
    <message>
        <source>Compile the project (Ctrl+B, F5, Ctrl+Enter)</source>
        <translation>プロジェクトをコンパイル (Ctrl+B、F5、Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Zoom in the editor or the PDF, whichever has the focus</source>
        <translation>フォーカスのあるエディターまたは PDF を拡大</translation>
    </message>
    <message>
        <source>Zoom out the editor or the PDF, whichever has the focus</source>
        <translation>フォーカスのあるエディターまたは PDF を縮小</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>キーボードショートカット(&amp;K)</translation>
    </message>
    <message>
        <source>upLaTeX and dvipdfmx, for Japanese documents</source>
        <translation>upLaTeX と dvipdfmx(日本語文書用)</translation>
    </message>
    <message>
        <source>Allow &amp;Shell Escape for This Project…</source>
        <translation>このプロジェクトでシェルエスケープを許可(&amp;S)…</translation>
    </message>
    <message>
        <source>Let this project&apos;s documents run programs (\write18), as minted needs</source>
        <translation>このプロジェクトの文書にプログラムの実行(\write18)を許可します(minted などに必要)</translation>
    </message>
    <message>
        <source>&amp;Export PDF…</source>
        <translation>PDF をエクスポート(&amp;E)…</translation>
    </message>
    <message>
        <source>Save a copy of the compiled PDF where you choose</source>
        <translation>コンパイルした PDF のコピーを指定した場所に保存します</translation>
    </message>
    <message>
        <source>&amp;Keep a Copy of the PDF next to the Main Document</source>
        <translation>メイン文書の隣に PDF のコピーを保存(&amp;K)</translation>
    </message>
    <message>
        <source>After each successful compile, save the PDF beside the main document, named after it (thesis.tex → thesis.pdf); it stays on this computer and is never shared</source>
        <translation>コンパイルが成功するたびに、メイン文書と同じ名前の PDF をその隣に保存します (thesis.tex → thesis.pdf)。このコンピューターにのみ置かれ、共有されることはありません</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>履歴(&amp;H)</translation>
    </message>
    <message>
        <source>Every version of the project: what changed, compare, restore (Ctrl+Alt+H)</source>
        <translation>プロジェクトのすべての版：変更内容、比較、復元 (Ctrl+Alt+H)</translation>
    </message>
    <message>
        <source>Compile on Ser&amp;ver</source>
        <translation>サーバーでコンパイル(&amp;V)</translation>
    </message>
    <message>
        <source>Compile this shared project on the server’s compile workers and show their PDF (used for Compile when this computer has no TeX)</source>
        <translation>この共有プロジェクトをサーバーのコンパイルワーカーでコンパイルし、その PDF を表示します(このコンピューターに TeX がないときは「コンパイル」もこれを使います)</translation>
    </message>
    <message>
        <source>Fetch Latest Server &amp;PDF</source>
        <translation>サーバーの最新 PDF を取得(&amp;P)</translation>
    </message>
    <message>
        <source>Show the PDF of the project’s latest compile on the server, whoever asked for it</source>
        <translation>誰が依頼したかにかかわらず、サーバーでのこのプロジェクトの最新のコンパイルの PDF を表示します</translation>
    </message>
</context>
<context>
    <name>coauthor::app::AppSettings</name>
    <message>
        <source>System language</source>
        <translation>システムの言語</translation>
    </message>
</context>
<context>
    <name>coauthor::app::AppStatusBar</name>
    <message>
        <source>Ln %1, Col %2</source>
        <translation>%1 行, %2 列</translation>
    </message>
    <message numerus="yes">
        <source>%n word(s) selected</source>
        <translation>
            <numerusform>%n 語を選択</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coauthor::app::CollabFeature</name>
    <message>
        <source>S&amp;hare Project…</source>
        <translation>プロジェクトを共有(&amp;H)…</translation>
    </message>
    <message>
        <source>Put this project on a server (or host one here) and write together</source>
        <translation>このプロジェクトをサーバーに置き (またはこのコンピューターでホストし)、一緒に書きます</translation>
    </message>
    <message>
        <source>Open S&amp;hared Project…</source>
        <translation>共有プロジェクトを開く(&amp;H)…</translation>
    </message>
    <message>
        <source>Join a project someone shared: server address, project id and token</source>
        <translation>誰かが共有したプロジェクトに参加します: サーバーのアドレス、プロジェクト ID、トークン</translation>
    </message>
    <message>
        <source>Work &amp;Offline</source>
        <translation>オフラインで作業(&amp;O)</translation>
    </message>
    <message>
        <source>Keep editing without a connection; edits are sent when you go online again</source>
        <translation>接続なしで編集を続けます。編集はオンラインに戻ったときに送信されます</translation>
    </message>
    <message>
        <source>Sharing &amp;Details…</source>
        <translation>共有の詳細(&amp;D)…</translation>
    </message>
    <message>
        <source>Collaborators</source>
        <translation>共同執筆者</translation>
    </message>
    <message>
        <source>Hosted Server</source>
        <translation>ホスト中のサーバー</translation>
    </message>
    <message>
        <source>The server hosted on this computer stopped.

%1</source>
        <translation>このコンピューターでホストしているサーバーが停止しました。

%1</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>Some edits are neither on the server nor saved on this computer (%1). Quit anyway and lose them?</source>
        <translation>一部の編集はサーバーにもこのコンピューターにも保存されていません (%1)。それでも終了して失いますか?</translation>
    </message>
    <message>
        <source>The hosted server did not start: %1</source>
        <translation>ホストするサーバーが起動しませんでした: %1</translation>
    </message>
    <message>
        <source>Shared Project</source>
        <translation>共有プロジェクト</translation>
    </message>
    <message>
        <source>Cannot connect this folder to its shared project: %1</source>
        <translation>このフォルダーを共有プロジェクトに接続できません: %1</translation>
    </message>
    <message>
        <source>Collaborators (%1)</source>
        <translation>共同執筆者 (%1)</translation>
    </message>
    <message>
        <source>Open a project first.</source>
        <translation>先にプロジェクトを開いてください。</translation>
    </message>
    <message>
        <source>This project is already shared.</source>
        <translation>このプロジェクトはすでに共有されています。</translation>
    </message>
    <message>
        <source>The server address, project id and token are needed.</source>
        <translation>サーバーのアドレス、プロジェクト ID、トークンが必要です。</translation>
    </message>
    <message>
        <source>Save the open files first.</source>
        <translation>先に開いているファイルを保存してください。</translation>
    </message>
    <message>
        <source>Uploading the project…</source>
        <translation>プロジェクトをアップロード中…</translation>
    </message>
    <message>
        <source>The project was uploaded but this folder could not be connected to it.</source>
        <translation>プロジェクトはアップロードされましたが、このフォルダーを接続できませんでした。</translation>
    </message>
    <message>
        <source>The project is shared.</source>
        <translation>プロジェクトを共有しました。</translation>
    </message>
    <message>
        <source>“%1” is not empty. Choose a new or empty folder for the shared project.</source>
        <translation>“%1” は空ではありません。共有プロジェクト用に新しいフォルダーか空のフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>Cannot create the folder “%1”.</source>
        <translation>フォルダー “%1” を作成できません。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>キャンセルしました。</translation>
    </message>
    <message>
        <source>Joining the shared project…</source>
        <translation>共有プロジェクトに参加中…</translation>
    </message>
    <message>
        <source>The server at %1 did not answer.</source>
        <translation>%1 のサーバーが応答しませんでした。</translation>
    </message>
    <message>
        <source>Cannot open “%1”.</source>
        <translation>“%1” を開けません。</translation>
    </message>
    <message>
        <source>Sharing Details</source>
        <translation>共有の詳細</translation>
    </message>
    <message>
        <source>Give the others this address, the project id and the token:</source>
        <translation>このアドレス、プロジェクト ID、トークンを他の人に伝えてください:</translation>
    </message>
    <message numerus="yes">
        <source>Connected to the project this computer hosts: %n other(s) (%1). Quitting stops the server: they keep their edits but cannot reach each other until you share again. Quit anyway?</source>
        <translation>
            <numerusform>このコンピューターがホストしているプロジェクトに他の %n 人が接続しています (%1)。終了するとサーバーが停止します: 相手の編集は失われませんが、再び共有するまで互いに届きません。終了しますか?</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Quit and Stop Sharing</source>
        <translation>終了して共有を停止(&amp;Q)</translation>
    </message>
    <message>
        <source>The host stopped sharing; your edits are kept and will be sent when they are back.</source>
        <translation>ホストが共有を停止しました。あなたの編集は保持され、ホストが戻ったときに送信されます。</translation>
    </message>
</context>
<context>
    <name>coauthor::app::CollaborationSession</name>
    <message>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <source>Cannot create a temporary folder: %1</source>
        <translation>一時フォルダーを作成できません: %1</translation>
    </message>
    <message>
        <source>The server at %1 did not answer.</source>
        <translation>%1 のサーバーが応答しませんでした。</translation>
    </message>
    <message>
        <source>The shared project already has files. Open it with “Open Shared Project…” instead.</source>
        <translation>共有プロジェクトにはすでにファイルがあります。代わりに「共有プロジェクトを開く…」で開いてください。</translation>
    </message>
    <message>
        <source>Cannot read “%1”: %2</source>
        <translation>“%1” を読み込めません: %2</translation>
    </message>
    <message>
        <source>Uploading the project took too long.</source>
        <translation>プロジェクトのアップロードに時間がかかりすぎました。</translation>
    </message>
    <message>
        <source>edits not saved on this computer: %1</source>
        <translation>編集はこのコンピューターに保存されていません: %1</translation>
    </message>
    <message>
        <source>project folder not updated: %1</source>
        <translation>プロジェクトフォルダーは更新されていません: %1</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>キャンセルしました。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate has changed, so Coauthor did not connect: someone may be intercepting the connection. Expected %1, got %2. If the host made a new certificate, join again with a new invitation.</source>
        <translation>サーバーの証明書が変わったため、Coauthor は接続しませんでした。誰かが通信を傍受している可能性があります。期待した証明書 %1、受け取った証明書 %2。ホストが新しい証明書を作った場合は、新しい招待で参加し直してください。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate (%1) is not trusted, so Coauthor did not connect. Join with the invitation the host gave you: it names the certificate.</source>
        <translation>サーバーの証明書 (%1) は信頼されていないため、Coauthor は接続しませんでした。ホストから受け取った招待で参加してください。招待には証明書が記されています。</translation>
    </message>
    <message>
        <source>The server refused an edit: %1</source>
        <translation>サーバーが編集を拒否しました: %1</translation>
    </message>
    <message>
        <source>“%1” (%2) is larger than the %3 the server takes, so it stays on this computer and is not shared.</source>
        <translation>“%1”（%2）はサーバーが受け付ける %3 を超えているため、このコンピューターにだけ残り、共有されません。</translation>
    </message>
    <message>
        <source>“%1” (%2) is larger than the %3 a shared text file may hold, so it stays on this computer and is not shared.</source>
        <translation>“%1”（%2）は共有テキストファイルの上限 %3 を超えているため、このコンピューターにだけ残り、共有されません。</translation>
    </message>
    <message>
        <source>“%1” stays on this computer: you joined this project read-only.</source>
        <translation>“%1” はこのコンピューターにだけ残ります: このプロジェクトには読み取り専用で参加しています。</translation>
    </message>
    <message>
        <source>“%1” is not shared: the name does not work on every system (%2).</source>
        <translation>“%1” は共有されません: この名前はすべてのシステムで使えるわけではありません（%2）。</translation>
    </message>
    <message>
        <source>“%1” is not shared: a collaborator added a file with the same name at the same time.</source>
        <translation>“%1” は共有されません: 共同執筆者が同時に同じ名前のファイルを追加しました。</translation>
    </message>
    <message>
        <source>“%1” could not be shared (%2): %3</source>
        <translation>“%1” を共有できませんでした（%2）: %3</translation>
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
        <translation>%1 はファイルを開いていません</translation>
    </message>
    <message>
        <source>%1 is in %2</source>
        <translation>%1 は %2 にいます</translation>
    </message>
    <message>
        <source>This project is not shared. Use File → Share Project… to write together.</source>
        <translation>このプロジェクトは共有されていません。一緒に書くには ファイル → プロジェクトを共有… を使います。</translation>
    </message>
    <message>
        <source>Nobody else is here right now.</source>
        <translation>いまは他に誰もいません。</translation>
    </message>
</context>
<context>
    <name>coauthor::app::CompileFeature</name>
    <message>
        <source>Compile timed out</source>
        <translation>コンパイルがタイムアウトしました</translation>
    </message>
    <message>
        <source>Compile error: %1</source>
        <translation>コンパイルエラー: %1</translation>
    </message>
    <message>
        <source>“%1” cannot be the main document: it must be a .tex file inside the project.</source>
        <translation>「%1」はメイン文書にできません: プロジェクト内の .tex ファイルである必要があります。</translation>
    </message>
    <message>
        <source>Preferences’ Default (%1)</source>
        <translation>環境設定の既定 (%1)</translation>
    </message>
    <message>
        <source>set by %!TEX program in %1</source>
        <translation>%1 の %!TEX program による指定</translation>
    </message>
    <message>
        <source>this project’s setting</source>
        <translation>このプロジェクトの設定</translation>
    </message>
    <message>
        <source>Preferences’ default</source>
        <translation>環境設定の既定</translation>
    </message>
    <message>
        <source>Compile this project with %1 (now: %2, %3)</source>
        <translation>このプロジェクトを %1 でコンパイル (現在: %2、%3)</translation>
    </message>
    <message>
        <source>With shell escape, a document can run any program on this computer, with your permissions, including one a collaborator wrote.</source>
        <translation>シェルエスケープを許可すると、文書はこのコンピューター上で、あなたの権限で任意のプログラムを実行できます。共同編集者が書いたものも含みます。</translation>
    </message>
    <message>
        <source>This project is shared: every collaborator&apos;s edits are included, now and later.</source>
        <translation>このプロジェクトは共有されています:すべての共同編集者の編集が、今後のものも含めて対象になります。</translation>
    </message>
    <message>
        <source>Allow it only for a project whose every line you trust. The setting stays on this computer and is never shared.</source>
        <translation>すべての行を信頼できるプロジェクトにだけ許可してください。この設定はこのコンピューターにのみ保存され、共有されません。</translation>
    </message>
    <message>
        <source>Allow Shell Escape?</source>
        <translation>シェルエスケープを許可しますか?</translation>
    </message>
    <message>
        <source>Packages such as minted need it. TeX Live&apos;s restricted mode (EPS figures, makeindex, bibtex) stays on without it.</source>
        <translation>minted などのパッケージに必要です。TeX Live の制限付きモード(EPS 図、makeindex、bibtex)は許可しなくても有効です。</translation>
    </message>
    <message>
        <source>Allow Shell Escape</source>
        <translation>シェルエスケープを許可</translation>
    </message>
    <message>
        <source>Cannot save the setting: %1</source>
        <translation>設定を保存できません: %1</translation>
    </message>
    <message>
        <source>There is no PDF yet: compile the project first.</source>
        <translation>まだ PDF がありません。先にプロジェクトをコンパイルしてください。</translation>
    </message>
    <message>
        <source>Cannot write “%1”: %2</source>
        <translation>「%1」を書き込めません: %2</translation>
    </message>
    <message>
        <source>Cannot write “%1”.</source>
        <translation>「%1」を書き込めません。</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>PDF をエクスポート</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文書 (*.pdf)</translation>
    </message>
    <message>
        <source>The PDF was saved as %1.</source>
        <translation>PDF を %1 として保存しました。</translation>
    </message>
    <message>
        <source>Compile on Server is for shared projects: share this one first.</source>
        <translation>サーバーでのコンパイルは共有プロジェクト用です。先にこのプロジェクトを共有してください。</translation>
    </message>
    <message>
        <source>No main document to compile.</source>
        <translation>コンパイルするメイン文書がありません。</translation>
    </message>
    <message>
        <source>Only a shared project has PDFs on the server.</source>
        <translation>サーバーに PDF があるのは共有プロジェクトだけです。</translation>
    </message>
    <message numerus="yes">
        <source>Compiled on the server: %n error(s)</source>
        <translation>
            <numerusform>サーバーでコンパイル済み: エラー %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Compiled on the server in %1 s</source>
        <translation>サーバーで %1 秒でコンパイルしました</translation>
    </message>
    <message numerus="yes">
        <source>Compile on the server failed: %n error(s)</source>
        <translation>
            <numerusform>サーバーでのコンパイルに失敗: エラー %n 件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coauthor::app::CompileStatusLabel</name>
    <message>
        <source>Ready</source>
        <translation>準備完了</translation>
    </message>
    <message>
        <source>Compiling…</source>
        <translation>コンパイル中…</translation>
    </message>
    <message>
        <source>Compiled in %1 s</source>
        <translation>コンパイル完了 (%1 秒)</translation>
    </message>
    <message numerus="yes">
        <source>Compile failed: %n error(s)</source>
        <translation>
            <numerusform>コンパイル失敗: エラー %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Compile failed: see the log</source>
        <translation>コンパイル失敗: ログを確認してください</translation>
    </message>
    <message>
        <source>Compile stopped</source>
        <translation>コンパイルを停止しました</translation>
    </message>
    <message>
        <source>%1 — PDF from the last session</source>
        <translation>%1 — 前回のセッションの PDF</translation>
    </message>
    <message>
        <source>The PDF shown is from the last session; it is replaced when this compile ends.</source>
        <translation>表示中の PDF は前回のセッションのものです。このコンパイルが終わると置き換わります。</translation>
    </message>
</context>
<context>
    <name>coauthor::app::EditorTabs</name>
    <message>
        <source>Cannot save “%1”: the file is in %2, which has no “%3”. Nothing was written; remove the character, or convert the file to UTF-8 (and drop \usepackage[latin1]{inputenc}).</source>
        <translation>「%1」を保存できません: このファイルは %2 で、「%3」を表せません。何も書き込んでいません。その文字を削除するか、ファイルを UTF-8 に変換してください (そのときは \usepackage[latin1]{inputenc} も削除)。</translation>
    </message>
    <message>
        <source>the file is larger than 64 MB</source>
        <translation>ファイルが 64 MB を超えています</translation>
    </message>
    <message>
        <source>the file is not a text file</source>
        <translation>テキストファイルではありません</translation>
    </message>
    <message>
        <source>“%1” does not exist.</source>
        <translation>「%1」は存在しません。</translation>
    </message>
    <message>
        <source>Cannot open “%1”: %2</source>
        <translation>「%1」を開けません: %2</translation>
    </message>
    <message>
        <source>Cannot show the image “%1”.</source>
        <translation>画像「%1」を表示できません。</translation>
    </message>
    <message>
        <source>Cannot save “%1”: %2</source>
        <translation>「%1」を保存できません: %2</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation>未保存の変更</translation>
    </message>
    <message>
        <source>These files have unsaved changes:

%1

Save them?</source>
        <translation>次のファイルに未保存の変更があります:

%1

保存しますか?</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>“%1” has unsaved changes. Save them?</source>
        <translation>「%1」に未保存の変更があります。保存しますか?</translation>
    </message>
    <message>
        <source>“%1” changed on disk; your unsaved version is kept.</source>
        <translation>「%1」がディスク上で変更されました。未保存の内容はそのまま残します。</translation>
    </message>
    <message>
        <source>Reloaded “%1”, changed on disk.</source>
        <translation>ディスク上で変更された「%1」を再読み込みしました。</translation>
    </message>
    <message>
        <source>Go to Line</source>
        <translation>指定行へ移動</translation>
    </message>
    <message>
        <source>“%1” is a PostScript figure: Coauthor does not show or edit it, and the compile uses it as it is.</source>
        <translation>“%1” は PostScript の図です: Coauthor では表示も編集もしません。コンパイルではそのまま使われます。</translation>
    </message>
    <message>
        <source>Line (1–%1):</source>
        <translation>行 (1–%1):</translation>
    </message>
</context>
<context>
    <name>coauthor::app::EncryptionMark</name>
    <message>
        <source>⚠ Not encrypted</source>
        <translation>⚠ 暗号化されていません</translation>
    </message>
    <message>
        <source>This project&apos;s server is reached over the network without encryption (ws://): anyone on the way can read the token and everything you type. Host with “All network interfaces” (which encrypts) or ask for a wss:// address.</source>
        <translation>このプロジェクトのサーバーには暗号化なし (ws://) でネットワーク越しに接続しています。途中の誰でもトークンと入力内容をすべて読めます。「すべてのネットワークインターフェース」(暗号化されます) でホストするか、wss:// のアドレスを求めてください。</translation>
    </message>
</context>
<context>
    <name>coauthor::app::FindInFilesPanel</name>
    <message>
        <source>Regular expression</source>
        <translation>正規表現</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>大文字と小文字を区別</translation>
    </message>
    <message>
        <source>Whole words</source>
        <translation>単語単位</translation>
    </message>
    <message>
        <source>Find All</source>
        <translation>すべて検索</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>置換</translation>
    </message>
    <message>
        <source>Replace All</source>
        <translation>すべて置換</translation>
    </message>
    <message>
        <source>Find in all files of the project</source>
        <translation>プロジェクトのすべてのファイルを検索</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>置換後の文字列</translation>
    </message>
    <message>
        <source>Replace the selected matches (a file: all of its matches)</source>
        <translation>選択した一致箇所を置換（ファイルを選ぶとその一致箇所すべて）</translation>
    </message>
    <message>
        <source>Replace every match listed, each file as one undoable edit</source>
        <translation>一覧のすべての一致箇所を置換（ファイルごとに 1 回で元に戻せます）</translation>
    </message>
    <message>
        <source>In the replacement, \1 … \9 insert the groups</source>
        <translation>置換後の文字列では \1 … \9 がグループに置き換わります</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>テキスト</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n 件の一致</numerusform>
        </translation>
    </message>
    <message>
        <source>No matches.</source>
        <translation>一致はありません。</translation>
    </message>
    <message numerus="yes">
        <source>The first %n matches</source>
        <translation>
            <numerusform>最初の %n 件の一致</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n file(s).</source>
        <translation>
            <numerusform>（%n 個のファイル）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coauthor::app::HistoryFeature</name>
    <message>
        <source>restored %1</source>
        <translation>復元：%1</translation>
    </message>
    <message>
        <source>brought back %1 with its history</source>
        <translation>履歴ごと復元：%1</translation>
    </message>
    <message>
        <source>created again %1</source>
        <translation>再作成：%1</translation>
    </message>
    <message>
        <source>renamed back %1</source>
        <translation>名前を戻した：%1</translation>
    </message>
    <message>
        <source>removed %1</source>
        <translation>削除：%1</translation>
    </message>
    <message>
        <source>could not restore %1</source>
        <translation>復元できなかった：%1</translation>
    </message>
    <message>
        <source>Nothing to restore: the files are as they were then.</source>
        <translation>復元するものはありません：ファイルは当時のままです。</translation>
    </message>
    <message>
        <source>History: %1 (Undo in each file takes it back).</source>
        <translation>履歴：%1（各ファイルで元に戻すと取り消せます）。</translation>
    </message>
    <message>
        <source>History</source>
        <translation>履歴</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>Restore Project</source>
        <translation>プロジェクトを復元</translation>
    </message>
    <message>
        <source>Bring every file of the project back as it was at this version? Files made since are removed; each restored file can be taken back with Undo.</source>
        <translation>プロジェクトのすべてのファイルをこの版の状態に戻しますか？その後に作られたファイルは削除されます。復元した各ファイルは「元に戻す」で取り消せます。</translation>
    </message>
    <message>
        <source>This shared project&apos;s history is on its server: it shows here while the project is connected.</source>
        <translation>この共有プロジェクトの履歴はサーバーにあります：プロジェクトが接続している間ここに表示されます。</translation>
    </message>
    <message>
        <source>The history could not be read: %1</source>
        <translation>履歴を読み込めませんでした：%1</translation>
    </message>
    <message>
        <source>No changes yet: edits to this project are listed here as you make them.</source>
        <translation>まだ変更はありません：このプロジェクトの編集は、行うたびにここに表示されます。</translation>
    </message>
    <message>
        <source>No file changed between these versions.</source>
        <translation>これらの版の間で変更されたファイルはありません。</translation>
    </message>
    <message>
        <source>%1 was removed.</source>
        <translation>%1 は削除されました。</translation>
    </message>
    <message>
        <source>%1 was added (a binary file).</source>
        <translation>%1 が追加されました（バイナリファイル）。</translation>
    </message>
    <message>
        <source>%1 has new content (a binary file).</source>
        <translation>%1 の内容が変わりました（バイナリファイル）。</translation>
    </message>
    <message>
        <source>%1 did not exist at that version.</source>
        <translation>%1 はその版には存在しませんでした。</translation>
    </message>
    <message>
        <source>Add Label</source>
        <translation>ラベルを追加</translation>
    </message>
    <message>
        <source>Name this version (e.g. “Submitted to the journal”):</source>
        <translation>この版の名前（例：「論文誌に投稿」）：</translation>
    </message>
    <message>
        <source>Name the project as it is now:</source>
        <translation>現在のプロジェクトの状態の名前：</translation>
    </message>
    <message>
        <source>Label “%1” added.</source>
        <translation>ラベル「%1」を追加しました。</translation>
    </message>
    <message>
        <source>Download This Version</source>
        <translation>この版をダウンロード</translation>
    </message>
    <message>
        <source>Zip archives (*.zip)</source>
        <translation>Zip アーカイブ (*.zip)</translation>
    </message>
    <message>
        <source>Saved the version as %1.</source>
        <translation>この版を %1 に保存しました。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 を書き込めません：%2</translation>
    </message>
    <message>
        <source>Searching the history…</source>
        <translation>履歴を検索中…</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n file(s))</source>
        <translation>
            <numerusform>%1(%n ファイル)</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to restore: the files of %1 are as they were then.</source>
        <translation>復元するものはありません: %1 のファイルは当時のままです。</translation>
    </message>
    <message>
        <source>%1 had no files at that version.</source>
        <translation>このバージョンでは %1 にファイルがありませんでした。</translation>
    </message>
</context>
<context>
    <name>coauthor::app::HistoryPanel</name>
    <message>
        <source>%1 (deleted)</source>
        <translation>%1（削除）</translation>
    </message>
    <message>
        <source>%1 (new)</source>
        <translation>%1（新規）</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Older Changes</source>
        <translation>以前の変更</translation>
    </message>
    <message>
        <source>Restore &amp;File</source>
        <translation>ファイルを復元(&amp;F)</translation>
    </message>
    <message>
        <source>Restore &amp;Project</source>
        <translation>プロジェクトを復元(&amp;P)</translation>
    </message>
    <message>
        <source>Add &amp;Label…</source>
        <translation>ラベルを追加(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Download…</source>
        <translation>ダウンロード(&amp;D)…</translation>
    </message>
    <message>
        <source>When</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>作成者</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>単語</translation>
    </message>
    <message>
        <source>Select a change to see what it did; select two to compare those versions</source>
        <translation>変更を選ぶとその内容を表示、2つ選ぶとそれらの版を比較します</translation>
    </message>
    <message>
        <source>Search the history (where did this sentence go?)</source>
        <translation>履歴を検索（この文はどこへ行った？）</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Appears</source>
        <translation>出現</translation>
    </message>
    <message>
        <source>Disappears</source>
        <translation>消失</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>テキスト</translation>
    </message>
    <message>
        <source>Bring this file back as it was, as new edits (Undo takes them back)</source>
        <translation>このファイルを当時の状態に新しい編集として戻します（元に戻すで取り消せます）</translation>
    </message>
    <message>
        <source>Bring every file back as it was at this version, as new edits</source>
        <translation>すべてのファイルをこの版の状態に新しい編集として戻します</translation>
    </message>
    <message>
        <source>Save the project as it was at this version as a .zip file</source>
        <translation>この版のプロジェクトを .zip ファイルとして保存します</translation>
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
        <translation>ラベル：%1</translation>
    </message>
    <message>
        <source>still there</source>
        <translation>現在もあり</translation>
    </message>
    <message>
        <source>(back now)</source>
        <translation>（現在は復活）</translation>
    </message>
    <message>
        <source>Not found in the history.</source>
        <translation>履歴に見つかりません。</translation>
    </message>
    <message numerus="yes">
        <source>Found in %n file(s).</source>
        <translation>
            <numerusform>%n 個のファイルで見つかりました。</numerusform>
        </translation>
    </message>
    <message>
        <source>(more not listed)</source>
        <translation>（他は省略）</translation>
    </message>
    <message>
        <source>Restore F&amp;older</source>
        <translation>フォルダーを復元(&amp;O)</translation>
    </message>
    <message>
        <source>Bring back every file of the chosen file&apos;s folder as it was, in one go</source>
        <translation>選んだファイルのフォルダーにあるすべてのファイルを、一度に当時の状態に戻します</translation>
    </message>
    <message>
        <source>Bring back every file of %1 as it was, in one go (a deleted folder comes back whole; files made in it since stay)</source>
        <translation>%1 のすべてのファイルを一度に当時の状態に戻します(削除されたフォルダーはまるごと戻り、その後に作られたファイルは残ります)</translation>
    </message>
</context>
<context>
    <name>coauthor::app::ImageViewer</name>
    <message>
        <source>Cannot show %1: %2</source>
        <translation>%1 を表示できません: %2</translation>
    </message>
    <message>
        <source>%1 × %2 pixels</source>
        <translation>%1 × %2 ピクセル</translation>
    </message>
</context>
<context>
    <name>coauthor::app::InvitationsPanel</name>
    <message>
        <source>People</source>
        <translation>メンバー</translation>
    </message>
    <message>
        <source>Invite each person with their own token: the others see the name you give here, and you can revoke one person without changing anybody else&apos;s token.</source>
        <translation>一人ずつ専用のトークンで招待します。ほかの人にはここで付けた名前が表示され、ほかの人のトークンを変えずに一人だけ取り消せます。</translation>
    </message>
    <message>
        <source>Name of the person to invite</source>
        <translation>招待する人の名前</translation>
    </message>
    <message>
        <source>&amp;Read-only</source>
        <translation>読み取り専用(&amp;R)</translation>
    </message>
    <message>
        <source>They can follow the writing but not edit.</source>
        <translation>執筆を見ることはできますが、編集はできません。</translation>
    </message>
    <message>
        <source>&amp;Invite</source>
        <translation>招待(&amp;I)</translation>
    </message>
    <message>
        <source>What to send the person you invite appears here.</source>
        <translation>招待した人に送る内容がここに表示されます。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Copy the invitation (Open Shared Project can paste it)</source>
        <translation>招待をコピーします (「共有プロジェクトを開く」で貼り付けられます)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Access</source>
        <translation>権限</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Re&amp;voke</source>
        <translation>取り消す(&amp;V)</translation>
    </message>
    <message>
        <source>The person is disconnected at once and their token stops working.</source>
        <translation>その人はすぐに切断され、トークンは使えなくなります。</translation>
    </message>
    <message>
        <source>Coauthor invitation for %1</source>
        <translation>%1 さんへの Coauthor の招待</translation>
    </message>
    <message>
        <source>Server: %1
Project: %2</source>
        <translation>サーバー: %1
プロジェクト: %2</translation>
    </message>
    <message>
        <source>Token (read-only): %1</source>
        <translation>トークン (読み取り専用): %1</translation>
    </message>
    <message>
        <source>Token (read-write): %1</source>
        <translation>トークン (読み書き): %1</translation>
    </message>
    <message>
        <source>Enter the name of the person to invite: the others see it next to their cursor.</source>
        <translation>招待する人の名前を入力してください。ほかの人にはカーソルの横に表示されます。</translation>
    </message>
    <message>
        <source>Only a project hosted on this computer can invite people from here.</source>
        <translation>ここから招待できるのは、このコンピューターでホストしているプロジェクトだけです。</translation>
    </message>
    <message>
        <source>Nobody called “%1” is invited.</source>
        <translation>“%1” という人は招待されていません。</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>読み取り専用</translation>
    </message>
    <message>
        <source>Can edit</source>
        <translation>編集可</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>取り消し済み</translation>
    </message>
    <message>
        <source>Invited</source>
        <translation>招待済み</translation>
    </message>
</context>
<context>
    <name>coauthor::app::LocalHistory</name>
    <message>
        <source>The project&apos;s history is not kept: %1</source>
        <translation>プロジェクトの履歴は記録されません：%1</translation>
    </message>
    <message>
        <source>The project&apos;s history could not be compacted: %1</source>
        <translation>プロジェクトの履歴を圧縮できませんでした：%1</translation>
    </message>
    <message>
        <source>The project&apos;s history could not record a change: %1</source>
        <translation>プロジェクトの履歴に変更を記録できませんでした：%1</translation>
    </message>
    <message>
        <source>Cannot create %1.</source>
        <translation>%1 を作成できません。</translation>
    </message>
    <message>
        <source>Me</source>
        <translation>自分</translation>
    </message>
</context>
<context>
    <name>coauthor::app::LocalPdfCopy</name>
    <message>
        <source>“%1” is already there and is not the copy Coauthor made, so it was not replaced.</source>
        <translation>「%1」は既に存在し、Coauthor が作成したコピーではないため、置き換えませんでした。</translation>
    </message>
    <message>
        <source>Cannot keep a copy of the PDF: the project&apos;s .coauthor folder cannot be written.</source>
        <translation>PDF のコピーを保存できません: プロジェクトの .coauthor フォルダーに書き込めません。</translation>
    </message>
    <message>
        <source>Cannot write “%1”: %2</source>
        <translation>「%1」を書き込めません: %2</translation>
    </message>
    <message>
        <source>Cannot write “%1”.</source>
        <translation>「%1」を書き込めません。</translation>
    </message>
</context>
<context>
    <name>coauthor::app::MainWindow</name>
    <message>
        <source>Open Project</source>
        <translation>プロジェクトを開く</translation>
    </message>
    <message>
        <source>“%1” is not a folder.</source>
        <translation>「%1」はフォルダーではありません。</translation>
    </message>
    <message>
        <source>No root document found: add a .tex file with \documentclass.</source>
        <translation>ルート文書が見つかりません: \documentclass を含む .tex ファイルを追加してください。</translation>
    </message>
    <message>
        <source>This line is not in the PDF.</source>
        <translation>この行は PDF に含まれていません。</translation>
    </message>
    <message>
        <source>No SyncTeX data yet: compile the project first.</source>
        <translation>SyncTeX データがありません: 先にプロジェクトをコンパイルしてください。</translation>
    </message>
    <message>
        <source>No source line found for this place in the PDF.</source>
        <translation>PDF のこの位置に対応するソース行が見つかりません。</translation>
    </message>
    <message>
        <source>Coauthor</source>
        <translation>Coauthor</translation>
    </message>
    <message>
        <source>Open Project Folder</source>
        <translation>プロジェクトフォルダーを開く</translation>
    </message>
    <message>
        <source>Unsaved changes in this window are not kept for a crash: %1</source>
        <translation>このウィンドウの未保存の変更はクラッシュに備えて保持されません: %1</translation>
    </message>
    <message numerus="yes">
        <source>Coauthor did not close properly last time: the unsaved changes to %n file(s) are back (%1), not yet saved.</source>
        <translation>
            <numerusform>前回 Coauthor は正常に終了しませんでした: %n 件のファイルの未保存の変更を復元しました (%1)。まだ保存されていません。</numerusform>
        </translation>
    </message>
    <message>
        <source>Main document: %1 (saved in %2 for everyone in the project)</source>
        <translation>メイン文書: %1 (%2 に保存され、プロジェクトの全員に共有されます)</translation>
    </message>
    <message>
        <source>No main document to count: choose one with Set as Main Document.</source>
        <translation>数えるメイン文書がありません: 「メイン文書に設定」で選んでください。</translation>
    </message>
    <message>
        <source>Showing %1; the next compile shows the document again.</source>
        <translation>%1 を表示しています。次のコンパイルで文書の表示に戻ります。</translation>
    </message>
    <message>
        <source>Editor font: %1 pt</source>
        <translation>エディターのフォント: %1 pt</translation>
    </message>
</context>
<context>
    <name>coauthor::app::NewProjectDialog</name>
    <message>
        <source>New Project</source>
        <translation>新しいプロジェクト</translation>
    </message>
    <message>
        <source>The document&apos;s title</source>
        <translation>文書のタイトル</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>あなたの名前</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>タイトル(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Author:</source>
        <translation>著者(&amp;A):</translation>
    </message>
    <message>
        <source>&amp;Folder name:</source>
        <translation>フォルダー名(&amp;F):</translation>
    </message>
    <message>
        <source>&amp;Location:</source>
        <translation>場所(&amp;L):</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>作成</translation>
    </message>
    <message>
        <source>Start from:</source>
        <translation>テンプレート:</translation>
    </message>
    <message>
        <source>Where the Project Goes</source>
        <translation>プロジェクトの保存先</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>新しいプロジェクト</translation>
    </message>
    <message>
        <source>The project will be the folder %1</source>
        <translation>プロジェクトはフォルダー %1 になります</translation>
    </message>
    <message>
        <source>Choose a template.</source>
        <translation>テンプレートを選んでください。</translation>
    </message>
    <message>
        <source>Give the project a folder name and a location.</source>
        <translation>プロジェクトのフォルダー名と場所を指定してください。</translation>
    </message>
    <message>
        <source>The folder name cannot contain / or \.</source>
        <translation>フォルダー名に / や \ は使えません。</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>無題</translation>
    </message>
</context>
<context>
    <name>coauthor::app::OpenSharedDialog</name>
    <message>
        <source>Open Shared Project</source>
        <translation>共有プロジェクトを開く</translation>
    </message>
    <message>
        <source>Join a project someone shared with you. Its files are copied into a folder on this computer, which stays in step with the others while you are online.</source>
        <translation>共有されたプロジェクトに参加します。ファイルはこのコンピューターのフォルダーにコピーされ、オンラインの間は他の人と同じ状態に保たれます。</translation>
    </message>
    <message>
        <source>Server address:</source>
        <translation>サーバーのアドレス:</translation>
    </message>
    <message>
        <source>Project id:</source>
        <translation>プロジェクト ID:</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>トークン:</translation>
    </message>
    <message>
        <source>Your name:</source>
        <translation>あなたの名前:</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>参照(&amp;B)…</translation>
    </message>
    <message>
        <source>Local folder:</source>
        <translation>ローカルフォルダー:</translation>
    </message>
    <message>
        <source>&amp;Paste Invitation</source>
        <translation>招待を貼り付け(&amp;P)</translation>
    </message>
    <message>
        <source>The clipboard holds no invitation.</source>
        <translation>クリップボードに招待がありません。</translation>
    </message>
    <message>
        <source>Local Folder</source>
        <translation>ローカルフォルダー</translation>
    </message>
    <message>
        <source>Shared project</source>
        <translation>共有プロジェクト</translation>
    </message>
    <message>
        <source>The server address is not valid (for example ws://server:7420/).</source>
        <translation>サーバーのアドレスが正しくありません (例: ws://server:7420/)。</translation>
    </message>
    <message>
        <source>Enter the project id and the token you were given.</source>
        <translation>受け取ったプロジェクト ID とトークンを入力してください。</translation>
    </message>
    <message>
        <source>Enter your name: the others see it next to your cursor.</source>
        <translation>名前を入力してください。他の人にはカーソルの横に表示されます。</translation>
    </message>
    <message>
        <source>Choose a folder for the working copy.</source>
        <translation>作業コピー用のフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>from the invitation; empty: trust the first one seen</source>
        <translation>招待から。空欄: 最初に見た証明書を信頼</translation>
    </message>
    <message>
        <source>Certificate (SHA-256):</source>
        <translation>証明書 (SHA-256):</translation>
    </message>
    <message>
        <source>The certificate&apos;s fingerprint is not valid (32 pairs of hex digits, as in the invitation).</source>
        <translation>証明書のフィンガープリントが正しくありません (招待にあるとおり、16 進数 2 桁の組が 32 個)。</translation>
    </message>
</context>
<context>
    <name>coauthor::app::PdfDocument</name>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 を開けません: %2</translation>
    </message>
    <message>
        <source>%1 is empty.</source>
        <translation>%1 は空です。</translation>
    </message>
    <message>
        <source>%1 is not a readable PDF file.</source>
        <translation>%1 は読み込める PDF ファイルではありません。</translation>
    </message>
    <message>
        <source>%1 is password protected.</source>
        <translation>%1 はパスワードで保護されています。</translation>
    </message>
    <message>
        <source>%1 has no pages.</source>
        <translation>%1 にはページがありません。</translation>
    </message>
</context>
<context>
    <name>coauthor::app::PdfPane</name>
    <message>
        <source>“%1” was not found in the PDF.</source>
        <translation>「%1」は PDF 内に見つかりませんでした。</translation>
    </message>
    <message>
        <source>Cannot show the PDF: %1</source>
        <translation>PDF を表示できません: %1</translation>
    </message>
</context>
<context>
    <name>coauthor::app::PdfToolBar</name>
    <message>
        <source>Zoom Out</source>
        <translation>縮小</translation>
    </message>
    <message>
        <source>Fit Width</source>
        <translation>幅に合わせる</translation>
    </message>
    <message>
        <source>Fit Page</source>
        <translation>ページに合わせる</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>ズーム</translation>
    </message>
    <message>
        <source>Zoom In</source>
        <translation>拡大</translation>
    </message>
    <message>
        <source>Search in PDF</source>
        <translation>PDF 内を検索</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>%1 / %2 ページ</translation>
    </message>
    <message>
        <source>No PDF yet</source>
        <translation>PDF はまだありません</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <comment>page of pages, when the PDF pane is narrow</comment>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>No PDF</source>
        <comment>when the PDF pane is narrow</comment>
        <translation>PDF なし</translation>
    </message>
</context>
<context>
    <name>coauthor::app::PdfView</name>
    <message>
        <source>Zoom In</source>
        <translation>拡大</translation>
    </message>
    <message>
        <source>Zoom Out</source>
        <translation>縮小</translation>
    </message>
    <message>
        <source>Actual Size</source>
        <translation>実際のサイズ</translation>
    </message>
    <message>
        <source>Fit Width</source>
        <translation>幅に合わせる</translation>
    </message>
    <message>
        <source>Fit Page</source>
        <translation>ページに合わせる</translation>
    </message>
    <message>
        <source>Open in External Viewer</source>
        <translation>外部ビューアーで開く</translation>
    </message>
</context>
<context>
    <name>coauthor::app::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>設定</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <source>Wrap long lines</source>
        <translation>長い行を折り返す</translation>
    </message>
    <message>
        <source>Editor</source>
        <translation>エディター</translation>
    </message>
    <message>
        <source>Font:</source>
        <translation>フォント:</translation>
    </message>
    <message>
        <source>Compile automatically when typing stops</source>
        <translation>入力が止まったら自動的にコンパイルする</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ミリ秒</translation>
    </message>
    <message>
        <source>Compile</source>
        <translation>コンパイル</translation>
    </message>
    <message>
        <source>A new language is used after Coauthor is restarted.</source>
        <translation>新しい言語は Coauthor の再起動後に適用されます。</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>インターフェース</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>言語:</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>The new language is used after Coauthor is restarted.</source>
        <translation>新しい言語は Coauthor の再起動後に適用されます。</translation>
    </message>
    <message>
        <source>Check spelling as you type</source>
        <translation>入力中にスペルをチェックする</translation>
    </message>
    <message>
        <source>System language (%1)</source>
        <translation>システムの言語 (%1)</translation>
    </message>
    <message>
        <source>%1 (not installed)</source>
        <translation>%1 (未インストール)</translation>
    </message>
    <message>
        <source>Projects can set their own; “% !TEX spellcheck = de_DE” in a file&apos;s first lines wins.</source>
        <translation>プロジェクトごとに設定できます。ファイルの先頭行の「% !TEX spellcheck = de_DE」が優先されます。</translation>
    </message>
    <message>
        <source>Spelling language:</source>
        <translation>スペルチェックの言語:</translation>
    </message>
    <message>
        <source>No spelling dictionaries are installed (Hunspell&apos;s, e.g. hunspell-en-us).</source>
        <translation>スペルチェック用の辞書がインストールされていません（Hunspell の辞書、例: hunspell-en-us）。</translation>
    </message>
    <message>
        <source>Default engine:</source>
        <translation>既定のエンジン:</translation>
    </message>
    <message>
        <source>For projects without an engine of their own (Build → Engine (This Project), or % !TEX program in the main document)</source>
        <translation>独自のエンジンを持たないプロジェクト用 (ビルド → エンジン (このプロジェクト)、またはメイン文書の % !TEX program)</translation>
    </message>
    <message>
        <source>Insert \end{…} after \begin{…}</source>
        <translation>\begin{…} の後に \end{…} を挿入</translation>
    </message>
    <message>
        <source>Close braces, brackets and parentheses as they are typed</source>
        <translation>括弧 { [ ( を入力時に閉じる</translation>
    </message>
    <message>
        <source>Close $ math as it is typed</source>
        <translation>数式の $ を入力時に閉じる</translation>
    </message>
    <message>
        <source>Show author, year and title when completing \cite</source>
        <translation>\cite の補完で著者・年・タイトルを表示</translation>
    </message>
    <message>
        <source>The longest pause after typing before a compile: a project that compiles fast starts sooner (half its last compile&apos;s time, at least 250 ms).</source>
        <translation>入力後、コンパイルを始めるまでの最長の待ち時間です。コンパイルの速いプロジェクトはより早く始まります（前回のコンパイル時間の半分、最短 250 ms）。</translation>
    </message>
    <message>
        <source>Delay after typing, at most:</source>
        <translation>入力後の待ち時間（最長）:</translation>
    </message>
</context>
<context>
    <name>coauthor::app::ProblemMapper</name>
    <message>
        <source>Debian/Ubuntu: apt-file search %1; TeX Live: tlmgr search --global --file %1; MiKTeX installs it on first use.</source>
        <translation>Debian/Ubuntu: apt-file search %1、TeX Live: tlmgr search --global --file %1、MiKTeX は初回使用時に自動でインストールします。</translation>
    </message>
    <message>
        <source>%1 is in the TeX Live package %2 (Debian: sudo apt install %2). %3</source>
        <translation>%1 は TeX Live のパッケージ %2 に含まれています(Debian: sudo apt install %2)。%3</translation>
    </message>
    <message>
        <source>Install the TeX Live package that provides %1 (%2)</source>
        <translation>%1 を含む TeX Live のパッケージをインストールしてください(%2)</translation>
    </message>
    <message>
        <source>(install the TeX Live package that provides it)</source>
        <translation>(これを含む TeX Live のパッケージをインストール)</translation>
    </message>
    <message>
        <source>(install %1)</source>
        <translation>(%1 をインストール)</translation>
    </message>
</context>
<context>
    <name>coauthor::app::ProblemsPanel</name>
    <message>
        <source>Raw Log</source>
        <translation>ログ全文</translation>
    </message>
    <message>
        <source>Show the full LaTeX log of the last compile</source>
        <translation>直前のコンパイルの LaTeX ログ全文を表示</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>メッセージ</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>No log yet: compile the project to see it.</source>
        <translation>ログはまだありません: プロジェクトをコンパイルすると表示されます。</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>問題</translation>
    </message>
    <message numerus="yes">
        <source>Problems (%n error(s))</source>
        <translation>
            <numerusform>問題 (エラー %n 件)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Problems (%n warning(s))</source>
        <translation>
            <numerusform>問題 (警告 %n 件)</numerusform>
        </translation>
    </message>
    <message>
        <source>Problems (%1, %2)</source>
        <translation>問題 (%1、%2)</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>エラー %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>警告 %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n Error(s)</source>
        <translation>
            <numerusform>エラー %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n Warning(s)</source>
        <translation>
            <numerusform>警告 %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n Bad Box(es)</source>
        <translation>
            <numerusform>不良ボックス %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Show or hide errors</source>
        <translation>エラーの表示/非表示</translation>
    </message>
    <message>
        <source>Show or hide warnings</source>
        <translation>警告の表示/非表示</translation>
    </message>
    <message>
        <source>Show or hide overfull and underfull boxes</source>
        <translation>overfull/underfull ボックスの表示/非表示</translation>
    </message>
</context>
<context>
    <name>coauthor::app::ProjectSettings</name>
    <message>
        <source>The project settings file is larger than %1 KB; it is ignored.</source>
        <translation>プロジェクト設定ファイルが %1 KB を超えているため無視します。</translation>
    </message>
    <message>
        <source>The project settings file is not a JSON object; it is ignored.</source>
        <translation>プロジェクト設定ファイルが JSON オブジェクトではないため無視します。</translation>
    </message>
    <message>
        <source>The main document in the project settings is not a .tex file inside the project; it is ignored.</source>
        <translation>プロジェクト設定のメイン文書がプロジェクト内の .tex ファイルではないため無視します。</translation>
    </message>
    <message>
        <source>The spelling language in the project settings is not a language code; it is ignored.</source>
        <translation>プロジェクト設定のスペルチェック言語が言語コードではないため無視します。</translation>
    </message>
    <message>
        <source>The project settings file cannot be read: %1</source>
        <translation>プロジェクト設定ファイルを読み込めません: %1</translation>
    </message>
    <message>
        <source>Cannot save the project settings: %1</source>
        <translation>プロジェクト設定を保存できません: %1</translation>
    </message>
    <message>
        <source>The engine in the project settings is not pdflatex, xelatex, lualatex or uplatex; it is ignored.</source>
        <translation>プロジェクト設定のエンジンが pdflatex、xelatex、lualatex、uplatex のいずれでもないため無視します。</translation>
    </message>
</context>
<context>
    <name>coauthor::app::ProjectTemplate</name>
    <message>
        <source>Article</source>
        <translation>論文</translation>
    </message>
    <message>
        <source>A paper: sections, an equation, a table and a bibliography (BibTeX).</source>
        <translation>論文: 節、数式、表、参考文献（BibTeX）。</translation>
    </message>
    <message>
        <source>Thesis</source>
        <translation>学位論文</translation>
    </message>
    <message>
        <source>A report with a title page, abstract, contents and one file per chapter.</source>
        <translation>表紙、要旨、目次、章ごとのファイルを備えたレポート。</translation>
    </message>
    <message>
        <source>Presentation (Beamer)</source>
        <translation>プレゼンテーション（Beamer）</translation>
    </message>
    <message>
        <source>Slides in 16:9 with a title frame, an outline, columns and overlays.</source>
        <translation>16:9 のスライド: タイトル、目次、段組み、オーバーレイ。</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>手紙</translation>
    </message>
    <message>
        <source>A letter, e.g. the cover letter of a submission.</source>
        <translation>手紙（投稿時のカバーレターなど）。</translation>
    </message>
    <message>
        <source>There is no template “%1”.</source>
        <translation>テンプレート「%1」はありません。</translation>
    </message>
    <message>
        <source>“%1” already exists and is not an empty folder.</source>
        <translation>「%1」は既に存在し、空のフォルダーではありません。</translation>
    </message>
    <message>
        <source>Cannot create the folder “%1”.</source>
        <translation>フォルダー「%1」を作成できません。</translation>
    </message>
    <message>
        <source>Cannot read the template file %1.</source>
        <translation>テンプレートファイル %1 を読み込めません。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 を書き込めません: %2</translation>
    </message>
</context>
<context>
    <name>coauthor::app::ProjectTree</name>
    <message>
        <source>“%1” is not a valid name inside the project.</source>
        <translation>「%1」はプロジェクト内で有効な名前ではありません。</translation>
    </message>
    <message>
        <source>“%1” already exists.</source>
        <translation>「%1」はすでに存在します。</translation>
    </message>
    <message>
        <source>Cannot create “%1”: %2</source>
        <translation>「%1」を作成できません: %2</translation>
    </message>
    <message>
        <source>Cannot create the folder “%1”.</source>
        <translation>フォルダー「%1」を作成できません。</translation>
    </message>
    <message>
        <source>“%1” does not exist.</source>
        <translation>「%1」は存在しません。</translation>
    </message>
    <message>
        <source>Cannot rename “%1” to “%2”.</source>
        <translation>「%1」の名前を「%2」に変更できません。</translation>
    </message>
    <message>
        <source>Cannot delete “%1”.</source>
        <translation>「%1」を削除できません。</translation>
    </message>
    <message>
        <source>New File</source>
        <translation>新規ファイル</translation>
    </message>
    <message>
        <source>New Folder</source>
        <translation>新規フォルダー</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>名前の変更</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新しい名前:</translation>
    </message>
    <message>
        <source>Delete the folder “%1” and everything in it?</source>
        <translation>フォルダー「%1」とその中身をすべて削除しますか?</translation>
    </message>
    <message>
        <source>Delete “%1”?</source>
        <translation>「%1」を削除しますか?</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>This cannot be undone.</source>
        <translation>この操作は元に戻せません。</translation>
    </message>
    <message>
        <source>New File…</source>
        <translation>新規ファイル…</translation>
    </message>
    <message>
        <source>New Folder…</source>
        <translation>新規フォルダー…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>名前の変更…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>削除…</translation>
    </message>
    <message>
        <source>(main)</source>
        <translation>(メイン)</translation>
    </message>
    <message>
        <source>Set as Main Document</source>
        <translation>メイン文書に設定</translation>
    </message>
    <message>
        <source>Compile this document; saved in the project, for every collaborator</source>
        <translation>この文書をコンパイルします。設定はプロジェクトに保存され、共同編集者全員に適用されます</translation>
    </message>
    <message>
        <source>Cannot copy %1 into the project.</source>
        <translation>%1 をプロジェクトにコピーできません。</translation>
    </message>
    <message>
        <source>Add Files</source>
        <translation>ファイルを追加</translation>
    </message>
    <message>
        <source>The project already has %1. Replace with the added version?</source>
        <translation>プロジェクトには既に %1 があります。追加したものに置き換えますか?</translation>
    </message>
    <message>
        <source>the project folder</source>
        <translation>プロジェクトフォルダー</translation>
    </message>
    <message>
        <source>Add Files to %1</source>
        <translation>%1 にファイルを追加</translation>
    </message>
    <message>
        <source>File name (in %1):</source>
        <translation>ファイル名（%1 内）:</translation>
    </message>
    <message>
        <source>Folder name (in %1):</source>
        <translation>フォルダー名（%1 内）:</translation>
    </message>
    <message>
        <source>Add Files…</source>
        <translation>ファイルを追加…</translation>
    </message>
    <message>
        <source>Add Files to %1…</source>
        <translation>%1 にファイルを追加…</translation>
    </message>
</context>
<context>
    <name>coauthor::app::SearchFeature</name>
    <message>
        <source>Find in Files</source>
        <translation>ファイル内を検索</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>検索中…</translation>
    </message>
    <message numerus="yes">
        <source>Replaced %n match(es)</source>
        <translation>
            <numerusform>%n 件を置換しました</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n file(s).</source>
        <translation>
            <numerusform>（%n 個のファイル）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not changed (read-only or not text): %1.</source>
        <translation>変更されていません（読み取り専用またはテキストではありません）: %1。</translation>
    </message>
</context>
<context>
    <name>coauthor::app::SearchQuery</name>
    <message>
        <source>Type what to search for.</source>
        <translation>検索する文字列を入力してください。</translation>
    </message>
    <message>
        <source>Not a valid regular expression: %1</source>
        <translation>正しい正規表現ではありません: %1</translation>
    </message>
</context>
<context>
    <name>coauthor::app::ServerBuild</name>
    <message>
        <source>The PDF was too large for the server to keep (%1 MB).</source>
        <translation>PDF が大きすぎてサーバーに保存されませんでした(%1 MB)。</translation>
    </message>
</context>
<context>
    <name>coauthor::app::ServerCompile</name>
    <message numerus="yes">
        <source>The server did not finish the compile in %n minute(s).</source>
        <translation>
            <numerusform>サーバーは %n 分以内にコンパイルを終えませんでした。</numerusform>
        </translation>
    </message>
    <message>
        <source>Sending your last edits to the server…</source>
        <translation>最後の編集をサーバーに送信中…</translation>
    </message>
    <message>
        <source>Sending the compile to the server…</source>
        <translation>コンパイルをサーバーに送信中…</translation>
    </message>
    <message>
        <source>Queued on the server…</source>
        <translation>サーバーで待機中…</translation>
    </message>
    <message>
        <source>Compiling on the server…</source>
        <translation>サーバーでコンパイル中…</translation>
    </message>
    <message>
        <source>Compiling on the server (%1)…</source>
        <translation>サーバーでコンパイル中(%1)…</translation>
    </message>
    <message>
        <source>Compiling on the server: pass %1…</source>
        <translation>サーバーでコンパイル中: %1 回目…</translation>
    </message>
    <message>
        <source>Downloading the compile from the server…</source>
        <translation>サーバーから結果をダウンロード中…</translation>
    </message>
    <message>
        <source>The server has no compile of this project yet: use Compile on Server.</source>
        <translation>サーバーにはこのプロジェクトのコンパイル結果がまだありません。「サーバーでコンパイル」を使ってください。</translation>
    </message>
    <message>
        <source>Downloading the PDF from the server: %1%…</source>
        <translation>サーバーから PDF をダウンロード中: %1%…</translation>
    </message>
    <message>
        <source>Downloading the PDF from the server: %1…</source>
        <translation>サーバーから PDF をダウンロード中: %1…</translation>
    </message>
    <message>
        <source>The server no longer has the PDF of this compile (it keeps outputs for an hour): compile again.</source>
        <translation>サーバーにはこのコンパイルの PDF がもうありません(結果は 1 時間保存されます)。もう一度コンパイルしてください。</translation>
    </message>
    <message>
        <source>This server cannot compile: it runs without compile workers.</source>
        <translation>このサーバーはコンパイルできません。コンパイルワーカーなしで動いています。</translation>
    </message>
    <message>
        <source>Not connected to the server: nothing was compiled there.</source>
        <translation>サーバーに接続していません。サーバーでは何もコンパイルされていません。</translation>
    </message>
    <message>
        <source>The connection to the server closed before it answered: compile again once it is back.</source>
        <translation>応答の前にサーバーとの接続が切れました。接続が戻ったらもう一度コンパイルしてください。</translation>
    </message>
    <message>
        <source>The server cannot compile the main document: it is not a document of the shared project.</source>
        <translation>サーバーはメイン文書をコンパイルできません。共有プロジェクトの文書ではありません。</translation>
    </message>
    <message>
        <source>The server’s storage is unavailable: try again in a moment.</source>
        <translation>サーバーのストレージが使えません。しばらくしてからもう一度試してください。</translation>
    </message>
    <message>
        <source>The server refused this project’s invitation token.</source>
        <translation>サーバーがこのプロジェクトの招待トークンを拒否しました。</translation>
    </message>
    <message>
        <source>This invitation is not a member of the project on the server.</source>
        <translation>この招待はサーバー上のプロジェクトのメンバーではありません。</translation>
    </message>
    <message>
        <source>The server is busy with too many requests: try again in a moment.</source>
        <translation>サーバーへのリクエストが多すぎます。しばらくしてからもう一度試してください。</translation>
    </message>
    <message>
        <source>The PDF is larger than the %1 this app downloads.</source>
        <translation>PDF がこのアプリのダウンロード上限 %1 を超えています。</translation>
    </message>
    <message>
        <source>The server’s certificate is not the one this project trusts: nothing was downloaded.</source>
        <translation>サーバーの証明書がこのプロジェクトの信頼するものではありません。何もダウンロードしていません。</translation>
    </message>
    <message>
        <source>Cannot save the server’s PDF on this computer: %1</source>
        <translation>サーバーの PDF をこのコンピューターに保存できません: %1</translation>
    </message>
    <message>
        <source>The server’s answer could not be read: is it a newer or older version?</source>
        <translation>サーバーの応答を読めません。新しい、または古いバージョンのサーバーですか?</translation>
    </message>
    <message>
        <source>The download from the server failed: %1</source>
        <translation>サーバーからのダウンロードに失敗しました: %1</translation>
    </message>
</context>
<context>
    <name>coauthor::app::ServerError</name>
    <message>
        <source>The server did not accept the token: it was mistyped, or the invitation was revoked.</source>
        <translation>サーバーがトークンを受け付けませんでした。入力の誤りか、招待が取り消されています。</translation>
    </message>
    <message>
        <source>The server has no such project.</source>
        <translation>サーバーにそのプロジェクトはありません。</translation>
    </message>
    <message>
        <source>Your invitation to this project was revoked; your copy stays on this computer.</source>
        <translation>このプロジェクトへの招待が取り消されました。手元のコピーはこのコンピューターに残ります。</translation>
    </message>
    <message>
        <source>This working copy belongs to another member of the project; open the project afresh with your own invitation.</source>
        <translation>この作業コピーはプロジェクトの別のメンバーのものです。ご自分の招待でプロジェクトを開き直してください。</translation>
    </message>
    <message>
        <source>This working copy was opened somewhere else, which took over its connection.</source>
        <translation>この作業コピーが別の場所で開かれ、接続が引き継がれました。</translation>
    </message>
    <message>
        <source>You can read this project but not change it.</source>
        <translation>このプロジェクトは閲覧のみで、変更はできません。</translation>
    </message>
    <message>
        <source>The file is larger than the server takes (%1).</source>
        <translation>ファイルがサーバーの上限より大きいです（%1）。</translation>
    </message>
    <message>
        <source>The document would grow past the server&apos;s limit (%1).</source>
        <translation>文書がサーバーの上限を超えてしまいます（%1）。</translation>
    </message>
    <message>
        <source>The server refused the name: %1</source>
        <translation>サーバーがその名前を拒否しました: %1</translation>
    </message>
    <message>
        <source>A file or folder of that name exists already.</source>
        <translation>その名前のファイルまたはフォルダーは既にあります。</translation>
    </message>
    <message>
        <source>That file or folder is no longer in the project.</source>
        <translation>そのファイルまたはフォルダーはもうプロジェクトにありません。</translation>
    </message>
    <message>
        <source>That document is no longer in the project.</source>
        <translation>その文書はもうプロジェクトにありません。</translation>
    </message>
    <message>
        <source>The server cannot store edits just now; yours are kept and sent again.</source>
        <translation>サーバーは今は編集を保存できません。あなたの編集は保持され、再送されます。</translation>
    </message>
    <message>
        <source>The server had a problem; your edits are kept and sent again.</source>
        <translation>サーバーで問題が起きました。あなたの編集は保持され、再送されます。</translation>
    </message>
    <message>
        <source>The server asked this app to slow down; edits wait and are sent again.</source>
        <translation>サーバーから送信を遅くするよう求められました。編集は待機し、再送されます。</translation>
    </message>
    <message>
        <source>The server has too many connections from this address; it retries later.</source>
        <translation>このアドレスからのサーバーへの接続が多すぎます。後で再試行します。</translation>
    </message>
    <message>
        <source>The server runs a version of Coauthor this app cannot talk to; update one of them.</source>
        <translation>サーバーの Coauthor はこのアプリと通信できないバージョンです。どちらかを更新してください。</translation>
    </message>
    <message>
        <source>A file of the shared project could not be written here (%1); it is kept in memory and written again.</source>
        <translation>共有プロジェクトのファイルをここに書き込めませんでした（%1）。メモリに保持し、再度書き込みます。</translation>
    </message>
    <message>
        <source>A collaborator&apos;s file was not written here, because its name is not safe: %1</source>
        <translation>共同編集者のファイルは名前が安全でないため、ここに書き込まれませんでした: %1</translation>
    </message>
    <message>
        <source>Edits not yet sent cannot be saved on this computer (%1).</source>
        <translation>未送信の編集をこのコンピューターに保存できません（%1）。</translation>
    </message>
    <message>
        <source>The server refused a request (%1).</source>
        <translation>サーバーが要求を拒否しました（%1）。</translation>
    </message>
    <message>
        <source>The server refused a request (%1): %2</source>
        <translation>サーバーが要求を拒否しました（%1）: %2</translation>
    </message>
</context>
<context>
    <name>coauthor::app::ServerHost</name>
    <message>
        <source>Cannot run “%1”: %2</source>
        <translation>“%1” を実行できません: %2</translation>
    </message>
    <message>
        <source>The server&apos;s command did not finish in time.</source>
        <translation>サーバーのコマンドが時間内に終わりませんでした。</translation>
    </message>
    <message>
        <source>The server&apos;s command failed.</source>
        <translation>サーバーのコマンドが失敗しました。</translation>
    </message>
    <message>
        <source>Cannot create the server&apos;s folder “%1”.</source>
        <translation>サーバーのフォルダー “%1” を作成できません。</translation>
    </message>
    <message>
        <source>Unexpected answer from the server: %1</source>
        <translation>サーバーから予期しない応答: %1</translation>
    </message>
    <message>
        <source>“%1” is not an IP address.</source>
        <translation>“%1” は IP アドレスではありません。</translation>
    </message>
    <message>
        <source>Cannot start “%1”: %2</source>
        <translation>“%1” を起動できません: %2</translation>
    </message>
    <message>
        <source>The server did not start in time.</source>
        <translation>サーバーが時間内に起動しませんでした。</translation>
    </message>
</context>
<context>
    <name>coauthor::app::ShareDialog</name>
    <message>
        <source>Share Project “%1”</source>
        <translation>プロジェクト “%1” を共有</translation>
    </message>
    <message>
        <source>Sharing uploads this project to a Coauthor server. This folder stays your working copy: edits are saved into it and sent to the others as you type.</source>
        <translation>共有すると、このプロジェクトを Coauthor サーバーにアップロードします。このフォルダーはあなたの作業コピーのままで、編集は入力と同時にここに保存され、他の人に送られます。</translation>
    </message>
    <message>
        <source>&amp;Host on this computer</source>
        <translation>このコンピューターでホスト(&amp;H)</translation>
    </message>
    <message>
        <source>All network interfaces, encrypted (others can join)</source>
        <translation>すべてのネットワークインターフェース、暗号化 (他の人が参加できます)</translation>
    </message>
    <message>
        <source>This computer only</source>
        <translation>このコンピューターのみ</translation>
    </message>
    <message>
        <source>Listen on:</source>
        <translation>待ち受けるアドレス:</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>空いている任意のポート</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>ポート:</translation>
    </message>
    <message>
        <source>Use an &amp;existing server</source>
        <translation>既存のサーバーを使う(&amp;E)</translation>
    </message>
    <message>
        <source>Server address:</source>
        <translation>サーバーのアドレス:</translation>
    </message>
    <message>
        <source>an empty project made with “coauthor-server project create”</source>
        <translation>“coauthor-server project create” で作った空のプロジェクト</translation>
    </message>
    <message>
        <source>Project id:</source>
        <translation>プロジェクト ID:</translation>
    </message>
    <message>
        <source>Read-write token:</source>
        <translation>読み書きトークン:</translation>
    </message>
    <message>
        <source>Your name:</source>
        <translation>あなたの名前:</translation>
    </message>
    <message>
        <source>&amp;Share</source>
        <translation>共有(&amp;S)</translation>
    </message>
    <message>
        <source>The project is shared and this folder is live. Give the others the server address, the project id and a token; they open it with File → Open Shared Project…</source>
        <translation>プロジェクトを共有し、このフォルダーはライブになりました。サーバーのアドレス、プロジェクト ID、トークンを他の人に伝えてください。ファイル → 共有プロジェクトを開く… で開けます。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>%1 をコピー</translation>
    </message>
    <message>
        <source>Read-only token:</source>
        <translation>読み取り専用トークン:</translation>
    </message>
    <message>
        <source>A read-only token lets someone follow the writing without editing.</source>
        <translation>読み取り専用トークンでは、編集せずに執筆の様子を追えます。</translation>
    </message>
    <message>
        <source>The server runs in this app: it stops when Coauthor quits, and starts again when you open this folder.</source>
        <translation>サーバーはこのアプリの中で動きます。Coauthor を終了すると止まり、このフォルダーを開くとまた起動します。</translation>
    </message>
    <message>
        <source>Copy &amp;All</source>
        <translation>すべてコピー(&amp;A)</translation>
    </message>
    <message>
        <source>Copy everything as one message (Open Shared Project can paste it)</source>
        <translation>すべてを 1 つのメッセージとしてコピーします (「共有プロジェクトを開く」で貼り付けられます)</translation>
    </message>
    <message>
        <source>Server: %1
Project: %2
Token (read-write): %3</source>
        <translation>サーバー: %1
プロジェクト: %2
トークン (読み書き): %3</translation>
    </message>
    <message>
        <source>Token (read-only): %1</source>
        <translation>トークン (読み取り専用): %1</translation>
    </message>
    <message>
        <source>Enter your name: the others see it next to your cursor.</source>
        <translation>名前を入力してください。他の人にはカーソルの横に表示されます。</translation>
    </message>
    <message>
        <source>The server did not start: %1</source>
        <translation>サーバーが起動しませんでした: %1</translation>
    </message>
    <message>
        <source>The server address is not valid (for example ws://server:7420/).</source>
        <translation>サーバーのアドレスが正しくありません (例: ws://server:7420/)。</translation>
    </message>
    <message>
        <source>Enter the project id and a read-write token.</source>
        <translation>プロジェクト ID と読み書きトークンを入力してください。</translation>
    </message>
    <message>
        <source>Certificate (SHA-256):</source>
        <translation>証明書 (SHA-256):</translation>
    </message>
    <message>
        <source>⚠ Not encrypted: this server is reached over the network by ws://, so anyone on the way can read the token and the text. Prefer a wss:// address.</source>
        <translation>⚠ 暗号化されていません: このサーバーには ws:// でネットワーク越しに接続するため、途中の誰でもトークンと本文を読めます。wss:// のアドレスを使ってください。</translation>
    </message>
    <message>
        <source>Certificate (SHA-256): %1</source>
        <translation>証明書 (SHA-256): %1</translation>
    </message>
</context>
<context>
    <name>coauthor::app::ShortcutsDialog</name>
    <message>
        <source>Other</source>
        <translation>その他</translation>
    </message>
    <message>
        <source>Editor</source>
        <translation>エディター</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>キーボードショートカット</translation>
    </message>
    <message>
        <source>Filter by command or key</source>
        <translation>コマンドまたはキーで絞り込み</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>コマンド</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>ショートカット</translation>
    </message>
</context>
<context>
    <name>coauthor::app::SpellFeature</name>
    <message>
        <source>Spell check is off: the %1 dictionary cannot be read (%2).</source>
        <translation>スペルチェックはオフです: %1 の辞書を読み込めません（%2）。</translation>
    </message>
    <message>
        <source>Spell check is off: no %1 dictionary is installed. Install one (on Debian or Ubuntu: apt install %2) or choose another language in Preferences.</source>
        <translation>スペルチェックはオフです: %1 の辞書がインストールされていません。辞書をインストールする（Debian・Ubuntu では apt install %2）か、設定で別の言語を選んでください。</translation>
    </message>
    <message>
        <source>“%1” is accepted until Coauthor closes: there is no project to keep it in.</source>
        <translation>「%1」は Coauthor を終了するまで正しい語として扱います。保存先のプロジェクトがありません。</translation>
    </message>
    <message>
        <source>Cannot add “%1” to %2: %3</source>
        <translation>「%1」を %2 に追加できません: %3</translation>
    </message>
</context>
<context>
    <name>coauthor::app::SyncStatusLabel</name>
    <message>
        <source>Not shared</source>
        <translation>共有なし</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>接続中…</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>オンライン</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>オフライン</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n edit(s) not yet sent</source>
        <translation>
            <numerusform>%1 · 未送信の編集 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · read-only</source>
        <translation>%1 · 読み取り専用</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Nothing is lost yet: edits are kept in memory and sent to the server while online, and written to this computer as soon as there is room again. Quitting while offline would lose them.</source>
        <translation>まだ何も失われていません。編集はメモリーに保持され、オンラインの間はサーバーに送信され、空き容量ができしだいこのコンピューターに保存されます。オフラインのまま終了すると失われます。</translation>
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
        <translation>LaTeX 文書を、ひとりでも共同でも。</translation>
    </message>
    <message>
        <source>Open Folder…</source>
        <translation>フォルダーを開く…</translation>
    </message>
    <message>
        <source>Open Shared Project…</source>
        <translation>共有プロジェクトを開く…</translation>
    </message>
    <message>
        <source>Join a project someone shared: server address, project id and token</source>
        <translation>誰かが共有したプロジェクトに参加します: サーバーのアドレス、プロジェクト ID、トークン</translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>最近のプロジェクト</translation>
    </message>
    <message>
        <source>No recent projects yet.</source>
        <translation>最近のプロジェクトはまだありません。</translation>
    </message>
    <message>
        <source>New Project…</source>
        <translation>新しいプロジェクト…</translation>
    </message>
    <message>
        <source>Start from a template: article, thesis, slides or letter</source>
        <translation>テンプレートから始める: 論文、学位論文、スライド、手紙</translation>
    </message>
</context>
<context>
    <name>coauthor::app::WindowDocks</name>
    <message>
        <source>Project</source>
        <translation>プロジェクト</translation>
    </message>
    <message>
        <source>Outline</source>
        <translation>アウトライン</translation>
    </message>
</context>
<context>
    <name>coauthor::app::WordCountDialog</name>
    <message>
        <source>Word Count</source>
        <translation>単語数</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>単語</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>本文</translation>
    </message>
    <message>
        <source>In headings</source>
        <translation>見出し内</translation>
    </message>
    <message>
        <source>In captions</source>
        <translation>キャプション内</translation>
    </message>
    <message>
        <source>Headings</source>
        <translation>見出し数</translation>
    </message>
    <message>
        <source>Floats</source>
        <translation>フロート</translation>
    </message>
    <message>
        <source>Inline math</source>
        <translation>インライン数式</translation>
    </message>
    <message>
        <source>Displayed math</source>
        <translation>別行立て数式</translation>
    </message>
    <message>
        <source>Words in \section{…} and other headings</source>
        <translation>\section{…} などの見出し内の単語</translation>
    </message>
    <message>
        <source>Words in captions and footnotes</source>
        <translation>キャプションと脚注内の単語</translation>
    </message>
    <message>
        <source>Number of headings</source>
        <translation>見出しの数</translation>
    </message>
    <message>
        <source>Number of figures, tables and other floats</source>
        <translation>図・表などのフロートの数</translation>
    </message>
    <message>
        <source>Counted as TeXcount counts (texcount -inc): the preamble, commands, labels, citation keys, math and the body of floats other than captions are not words.</source>
        <translation>TeXcount (texcount -inc) と同じ数え方です: プリアンブル、コマンド、ラベル、引用キー、数式、キャプション以外のフロートの中身は単語に含めません。</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n word(s) in total</source>
        <translation>
            <numerusform>%1: 合計 %n 語</numerusform>
        </translation>
    </message>
    <message>
        <source>Not found, not counted: %1</source>
        <translation>見つからず数えていないファイル: %1</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合計</translation>
    </message>
</context>
<context>
    <name>coauthor::compile::LogHint</name>
    <message>
        <source>The glossary needs bib2gls, which is not installed here (Debian packages texlive-bibtex-extra and default-jre-headless).</source>
        <translation>用語集には bib2gls が必要ですが、ここにはインストールされていません(Debian パッケージ texlive-bibtex-extra と default-jre-headless)。</translation>
    </message>
    <message>
        <source>The glossary needs bib2gls, which runs only with full shell escape (not on TeX Live&apos;s safe list); allow it for this project in the Build menu if you trust the project, or the glossary stays empty.</source>
        <translation>用語集には bib2gls が必要ですが、bib2gls は完全なシェルエスケープでのみ実行されます(TeX Live の安全なリストにありません)。このプロジェクトを信頼できる場合は「ビルド」メニューで許可してください。許可しないと用語集は空のままです。</translation>
    </message>
    <message>
        <source>bib2gls ran but wrote no glossary: see its log, %1.</source>
        <translation>bib2gls は実行されましたが、用語集を書き出しませんでした。ログ %1 を確認してください。</translation>
    </message>
    <message>
        <source>bib2gls ran but wrote no glossary: %2 (its log: %1).</source>
        <translation>bib2gls は実行されましたが、用語集を書き出しませんでした: %2(ログ: %1)。</translation>
    </message>
</context>
<context>
    <name>coauthor::editor::FindReplaceBar</name>
    <message>
        <source>Find</source>
        <translation>検索</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>置換後の文字列</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>大文字と小文字を区別</translation>
    </message>
    <message>
        <source>Whole words</source>
        <translation>単語単位</translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation>正規表現</translation>
    </message>
    <message>
        <source>9999 of 9999</source>
        <translation>9999 / 9999</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>前へ</translation>
    </message>
    <message>
        <source>Find previous (Shift+Enter)</source>
        <translation>前を検索 (Shift+Enter)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>次へ</translation>
    </message>
    <message>
        <source>Find next (Enter)</source>
        <translation>次を検索 (Enter)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>閉じる (Esc)</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>置換</translation>
    </message>
    <message>
        <source>Replace this match and find the next</source>
        <translation>この一致を置換して次を検索</translation>
    </message>
    <message>
        <source>Replace All</source>
        <translation>すべて置換</translation>
    </message>
    <message>
        <source>Replace every match in the document</source>
        <translation>文書内のすべての一致を置換</translation>
    </message>
    <message>
        <source>Invalid pattern</source>
        <translation>無効なパターン</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>一致なし</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n 件一致</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>coauthor::editor::LatexEditor</name>
    <message>
        <source>Complete the command, environment, label or citation</source>
        <translation>コマンド・環境・ラベル・引用を補完</translation>
    </message>
    <message>
        <source>Accept the completion</source>
        <translation>補完を確定</translation>
    </message>
    <message>
        <source>Indent the selected lines</source>
        <translation>選択した行をインデント</translation>
    </message>
    <message>
        <source>New line with the same indentation (after \begin{…}: the matching \end{…})</source>
        <translation>同じインデントで改行 (\begin{…} の後では対応する \end{…} も)</translation>
    </message>
    <message>
        <source>Delete an empty pair of braces, brackets or $</source>
        <translation>空の括弧または $ の組を削除</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <comment>two authors in the citation popup</comment>
        <translation>%1・%2</translation>
    </message>
    <message>
        <source>%1 et al.</source>
        <comment>three or more authors in the citation popup</comment>
        <translation>%1 ほか</translation>
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
        <translation>文書のアウトライン</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>(無題)</translation>
    </message>
    <message>
        <source>%1, line %2</source>
        <translation>%1、%2 行目</translation>
    </message>
</context>
<context>
    <name>coauthor::editor::RemoteCursors</name>
    <message>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
</context>
<context>
    <name>coauthor::editor::SpellSquiggles</name>
    <message>
        <source>No Suggestions</source>
        <translation>候補なし</translation>
    </message>
    <message>
        <source>Add to Dictionary</source>
        <translation>辞書に追加</translation>
    </message>
    <message>
        <source>Adds “%1” to the project&apos;s dictionary (.coauthor-dictionary)</source>
        <translation>「%1」をプロジェクトの辞書（.coauthor-dictionary）に追加します</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>無視</translation>
    </message>
    <message>
        <source>Accepts “%1” in this editor until the app closes</source>
        <translation>アプリを終了するまで、このエディターで「%1」を正しい語として扱います</translation>
    </message>
</context>
<context>
    <name>coauthor::spell::SpellChecker</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 を読み込めません: %2</translation>
    </message>
    <message>
        <source>Cannot read %1</source>
        <translation>%1 を読み込めません</translation>
    </message>
    <message>
        <source>The dictionary %1 uses the encoding %2, which is not supported.</source>
        <translation>辞書 %1 は対応していない文字コード %2 を使っています。</translation>
    </message>
</context>
<context>
    <name>coauthor::spell::SpellDictionaries</name>
    <message>
        <source>No spelling dictionary for %1 is installed.</source>
        <translation>%1 のスペルチェック辞書がインストールされていません。</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Coauthor, a collaborative LaTeX editor.</source>
        <translation>Coauthor、共同編集できる LaTeX エディター。</translation>
    </message>
    <message>
        <source>User interface language (en, ja, de).</source>
        <translation>ユーザーインターフェースの言語 (en, ja, de)。</translation>
    </message>
    <message>
        <source>Project folder to open.</source>
        <translation>開くプロジェクトフォルダー。</translation>
    </message>
</context>
</TS>

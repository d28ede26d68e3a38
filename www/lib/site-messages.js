// The website's own words, in English and Japanese: labels, buttons, progress,
// errors and result headings. Words about findings, evidence, the plan and
// panel steps are not here: they come from messages.js through
// report-text.js, shared with the command line.
//
// Placeholders are {name}; a [bracketed part] is left out when a placeholder
// inside it is empty (as in messages.js). tests/js/site-messages.test.mjs
// checks that both languages have the same keys and placeholders.
import { displayText } from './name-safety.js';
import { fillTemplate, lookup } from './catalogue.js';

export const siteMessages = {
  en: {
    pageTitle: 'mxray — why e-mail breaks behind a proxy',
    tagline:
      "Finds why e-mail breaks when a domain's DNS sits behind a reverse proxy (Cloudflare's orange cloud), shows the chain of evidence, and writes the fix.",
    privacy:
      'Zone files are read in this browser and never leave it. A live check asks only the DNS-over-HTTPS resolver chosen in the settings, and tells it only the names it looks up.',
    languageLabel: 'Language',
    skipToResults: 'Skip to the results',
    input: {
      heading: 'What to check',
      filesLegend: 'Zone files',
      drop: 'Drop zone files here, or press to choose them',
      filesHelp:
        'A cPanel zone (/var/named/<domain>.db), a Cloudflare DNS export, Cloudflare API JSON, an octoDNS zone (YAML), Terraform files with Cloudflare DNS records (.tf) or terraform show -json output. Several files may be chosen at once (the zones of a move, say); a new choice replaces the list. The files are read here; nothing is uploaded.',
      chosen: 'Chosen files',
      noFiles: 'No file chosen.',
      remove: 'Remove {file}',
      clearFiles: 'Remove all files',
      addFiles: 'Add files',
      addFilesHelp: 'With "Add files", the list stays and the new files join it: the files named by the $INCLUDE lines of a zone, say.',
      refusedOne: 'This file was not added:',
      refusedMany: 'These {count} files were not added:',
      notAZone: '{file} is not a zone file ({kind}).',
      domainLabel: 'Domain (for a live check)',
      domainHelp:
        'Type a domain to ask live DNS over HTTPS. With zone files as well, mxray also shows where the zone and live DNS disagree. Leave it empty for an offline check.',
      symptomsLegend: 'What do you see? (optional)',
      symptomsHelp: 'Findings that explain what you tick are shown first.',
      optionsSummary: 'More options',
      panelLabel: 'Hosting panel',
      panel: { auto: 'Recognise it from the records', none: 'None', cpanel: 'cPanel', plesk: 'Plesk', directadmin: 'DirectAdmin' },
      offlineLabel: 'Offline only: ask no DNS',
      offlineHelp: 'With zone files, the domain above then only names the zone (for files that do not say it themselves), and nothing leaves this browser.',
      originLabel: "Your mail server's IP address (optional)",
      originHelp: 'When you know it, the fix uses it in place of {origin-ipv4} or {origin-ipv6}.',
      check: 'Check',
      cancel: 'Cancel',
      tryExample: 'Try the example',
      exampleHelp: '"Try the example" checks a Cloudflare export of a club whose phones stopped getting mail, offline, in this browser.',
    },
    exportHelp: {
      summary: 'How do I export my zone?',
      cloudflare: 'In the dashboard, choose the domain, then DNS › Records › Import and Export › Export. Drop the downloaded file here as it is.',
      cpanel:
        'Domains › Zone Editor › Manage shows the records. Where it offers no download, the zone file is /var/named/<domain>.db on the server: your hosting provider, or anyone with root access to the server, can send it to you.',
      plesk: 'Websites & Domains › DNS Settings lists the records. Where it offers no download, ask your hosting provider for the zone file.',
      noFile: 'No file at hand? Type the domain and press Check: the live check asks public DNS, which shows what everyone else sees.',
    },
    settings: {
      summary: 'Settings',
      resolverLegend: 'Resolver for live checks (DNS over HTTPS)',
      cloudflare: 'Cloudflare (1.1.1.1) — default',
      google: 'Google Public DNS (8.8.8.8)',
      custom: 'Another resolver',
      customLabel: 'Resolver URL (https://…/dns-query, RFC 8484)',
      timeoutLabel: 'Seconds to wait for each answer',
      saved: 'Settings are kept in this browser only.',
      // The askPtr setting (www/lib/settings.js): off unless chosen.
      askPtr: 'Ask the reverse DNS (PTR) of the mail server’s address too',
      askPtrHelp: 'This tells the resolver the address of your mail server, which the proxy may be there to hide. Left off, the report says which addresses were not asked.',
    },
    progress: {
      label: 'Progress of the check',
      starting: 'Starting the checker…',
      reading: 'Reading {file}: {percent} %',
      report: 'Finding problems and writing the fix…',
    },
    status: {
      running: 'Checking…',
      done: 'Check finished: {summary}.',
      cancelled: 'The check was cancelled.',
      failed: 'The check could not be done.',
      cancelling: 'Cancelling…',
      fromLink: 'Press Check to look up {domain} in live DNS.',
    },
    errors: {
      'no-input': 'Choose a zone file, or type a domain for a live check.',
      'too-large': 'The files are too large to check at once ({size}; the limit is {limit}, here and in the command line). Check the zones one at a time.',
      unreadable: 'The file {file} could not be read.',
      'core-failed': 'The checker could not start: {detail}',
      'worker-crashed': 'The checker stopped unexpectedly (it may have run out of memory). Try again, or use the command line.',
      'dns-failed': 'The live check stopped: {detail}',
      'bad-origin': 'Not an IPv4 or IPv6 address: {detail}',
      'bad-domain': 'Not a domain name: "{value}". Type it as example.com.',
      'bad-timeout': 'The wait must be between 1 and 120 seconds.',
      framed: 'This page is shown inside another site, so it makes no live check. Open mxray in its own tab to check a domain.',
      internal: 'Something went wrong: {detail}',
      // Terraform inputs (www/lib/as-code/terraform.js); the single file cannot read a .tf.
      terraform: {
        'no-parser': '{file} is a Terraform file, which this page cannot read: opened from disk, it cannot load the HCL parser. Check it on the hosted page or with the command line: mxray check --zone {file}',
        'no-domain': '{file}: the domain of the zone is not in the file. Type the domain too.',
        syntax: '{file}, line {line}: not valid Terraform: {detail}',
        'not-terraform': '{file} is not a Terraform file with Cloudflare DNS records.',
      },
    },
    resolver: {
      'bad-doh-format': 'Unknown DoH format: {value}',
      'no-endpoint': 'The resolver {value} has no {format} endpoint.',
      'bad-spec': 'Choose a resolver, or give its https URL.',
      'unknown-resolver': 'Unknown resolver "{value}": choose one of the list or give an https URL.',
      'not-a-url': 'The resolver address is not a URL: {value}',
      'not-https': 'The resolver address must start with https:// (DNS over HTTPS): {value}',
    },
    results: {
      heading: 'Results',
      empty: 'Choose zone files or type a domain, then the results appear here.',
      summaryTitle: 'Summary',
      // A live check that learnt too little (www/site/could-not-check.js).
      couldNotCheck: 'Could not check',
      couldNotCheckWhy: 'mxray asked the resolver {resolver}, but {reason}: {count} of {questions} DNS questions got no usable answer.',
      otherResolver: 'Check again with {resolver}',
      noFixBlind: 'Nothing to change in what mxray could look at; what it could not look at may still need a change.',
      counts: { critical: 'critical', warning: 'warnings', info: 'info' },
      elapsed: 'Checked in {ms} ms.',
      diagnosticsTitle: 'Problems reading the zone files',
      diagnosticsHelp: 'These lines were skipped; the rest of the zone was checked.',
      moreDiagnostics: '… and {count} more.',
      symptomsTitle: 'What you see, explained',
      explainedBy: 'explained by finding {list}',
      notExplained: 'no finding explains this',
      findingsTitle: 'Findings',
      findingLabel: 'Finding {n}',
      explains: 'Explains: {list}',
      evidence: 'How mxray knows',
      rulePage: 'About this rule: what breaks, why, how to fix it',
      compareTitle: 'The uploaded zone and live DNS',
      compareCaption: 'Where each mail name leads, in the zone and in live DNS',
      compareName: 'Name',
      compareZone: 'In the zone',
      compareLive: 'In live DNS',
      compareState: 'Agree?',
      agree: 'yes',
      disagree: 'no — they differ',
      route: {
        origin: 'your server',
        proxy: 'the proxy[ of {provider}]',
        missing: 'no address',
        unknown: 'unknown[ ({reason})]',
      },
      fixTitle: 'The fix',
      fillIn: 'Type the address under "More options" and check again: mxray then fills it in everywhere.',
      diffTitle: 'The change as a diff',
      diffLayout: 'Layout of the diff',
      unified: 'Unified',
      sideBySide: 'Side by side',
      diffTooLong: 'The diff has {lines} lines; the first {shown} are shown here. Download it for the whole change.',
      noDiff: 'No uploaded zone file changes (the fix is in the plan and the Cloudflare files).',
      downloadsTitle: 'Files of the fix',
      download: 'Download',
      copy: 'Copy',
      copyOf: 'Copy: {what}',
      downloadOf: 'Download: {what}',
      copied: 'Copied: {what}.',
      copyFailed: 'Could not copy ({detail}). Use Download instead.',
      file: {
        zone: 'Corrected zone ({file})',
        diff: 'Diff (patch -p1)',
        import: 'Cloudflare import file: only the records to add (delete the old ones first; DNS › Records › Import)',
        batch: 'Cloudflare API batch payload (JSON)',
        curl: 'Cloudflare API call (curl)',
        plan: 'Change plan',
      },
      stepsTitle: 'Step by step',
    },
    symptoms: {
      'website-works': 'The website works',
      'webmail-works': 'Webmail in the browser works',
      'phone-cannot-receive': 'Phones and mail apps get no mail',
      'cannot-send': 'Mail cannot be sent, or what is sent is refused',
      'inbound-bounces': "Other people's mail to us bounces",
    },
    rules: {
      indexTitle: 'mxray rules',
      indexIntro: 'One page per rule: what breaks, why, how mxray knows, how to fix it, and how to accept the risk.',
      backToIndex: 'All rules',
      backToChecker: 'Back to the checker',
      otherLanguage: '日本語',
    },
    // Since the last check of the domain, remembered in this browser (www/site/history-store.js).
    history: {
      heading: 'Since your last check',
      when: 'Last checked on {when}',
      verdictSame: 'The verdict is the same as then: {verdict}.',
      verdictChanged: 'The verdict was “{before}” and is now “{now}”.',
      added: 'New since then',
      gone: 'Gone since then',
      nothingElse: 'No finding has come or gone.',
      incomplete: 'Only the first {count} findings of each check are remembered, so these lists may be incomplete.',
      first: 'This browser now remembers this check, to show what has changed when you check {domain} again.',
      unavailable: 'This browser does not let the page remember checks, so what changed since the last check cannot be shown.',
      kept: 'This browser remembers the last check of {count} {count|domain|domains}. It is kept here only and never sent anywhere.',
      none: 'This browser remembers no check.',
      forget: 'Forget the remembered checks',
      forgotten: 'Forgotten: this browser no longer remembers any check.',
      verdicts: { broken: 'broken', 'at-risk': 'at risk', fine: 'fine', 'could-not-tell': 'could not tell' },
    },
  },
  ja: {
    pageTitle: 'mxray — プロキシの裏でメールが止まる理由',
    tagline:
      'ドメインの DNS がリバースプロキシ (Cloudflare のオレンジの雲) の裏にあるとき、メールが止まる理由を見つけ、根拠をたどって示し、修正を書き出します。',
    privacy:
      'ゾーンファイルはこのブラウザの中で読み込まれ、外には出ません。ライブチェックでは、設定で選んだ DNS over HTTPS リゾルバにだけ、調べる名前を問い合わせます。',
    languageLabel: '言語',
    skipToResults: '結果へ移動',
    input: {
      heading: 'チェックする対象',
      filesLegend: 'ゾーンファイル',
      drop: 'ここにゾーンファイルをドロップ、または押して選択',
      filesHelp:
        'cPanel のゾーン (/var/named/<ドメイン>.db)、Cloudflare の DNS エクスポート、Cloudflare API の JSON、octoDNS のゾーン (YAML)、Cloudflare の DNS レコードを含む Terraform のファイル (.tf)、terraform show -json の出力。複数のファイルを一度に選べます (移行前後のゾーンなど)。新しく選ぶと一覧が入れ替わります。ファイルはここで読み込まれ、どこにもアップロードされません。',
      chosen: '選んだファイル',
      noFiles: 'ファイルが選ばれていません。',
      remove: '{file} を外す',
      clearFiles: 'すべてのファイルを外す',
      addFiles: 'ファイルを追加',
      addFilesHelp: '「ファイルを追加」は今の一覧を残したまま加えます (ゾーンの $INCLUDE 行が指すファイルなど)。',
      refusedOne: '次のファイルは追加しませんでした:',
      refusedMany: '次の {count} 個のファイルは追加しませんでした:',
      notAZone: '{file} はゾーンファイルではありません ({kind})。',
      domainLabel: 'ドメイン (ライブチェック用)',
      domainHelp:
        'ドメインを入力すると、DNS over HTTPS でライブの DNS に問い合わせます。ゾーンファイルも指定すると、ゾーンとライブ DNS の食い違いも示します。オフラインでチェックするときは空のままにします。',
      symptomsLegend: 'どんな症状がありますか (任意)',
      symptomsHelp: 'チェックした症状を説明する指摘を先に表示します。',
      optionsSummary: 'その他の設定',
      panelLabel: 'ホスティングの管理パネル',
      panel: { auto: 'レコードから判定する', none: 'なし', cpanel: 'cPanel', plesk: 'Plesk', directadmin: 'DirectAdmin' },
      offlineLabel: 'オフラインのみ: DNS に問い合わせない',
      offlineHelp: 'ゾーンファイルがあるとき、上のドメインはゾーンの名前として使うだけになり (ファイル自体に書かれていない場合)、何もこのブラウザの外に出ません。',
      originLabel: 'メールサーバーの IP アドレス (任意)',
      originHelp: '分かっている場合、修正の {origin-ipv4} や {origin-ipv6} の代わりに使います。',
      check: 'チェック',
      cancel: '中止',
      tryExample: '例で試す',
      exampleHelp: '「例で試す」は、スマートフォンでメールを受け取れなくなったクラブの Cloudflare エクスポートを、このブラウザの中でオフラインでチェックします。',
    },
    exportHelp: {
      summary: 'ゾーンのエクスポート方法',
      cloudflare: 'ダッシュボードでドメインを選び、「DNS › レコード › インポートとエクスポート › エクスポート」の順に進みます。ダウンロードしたファイルをそのままここにドロップします。',
      cpanel:
        '「Domains › Zone Editor › Manage」でレコードを見られます。そこからダウンロードできない場合、ゾーンファイルはサーバーの /var/named/<ドメイン>.db にあります。ホスティング会社か、サーバーの root 権限を持つ人に送ってもらってください。',
      plesk: '「ウェブサイトとドメイン › DNS 設定」でレコードを見られます。そこからダウンロードできない場合は、ホスティング会社にゾーンファイルを頼んでください。',
      noFile: 'ファイルが手元にないときは、ドメインを入力して「チェック」を押してください。ライブチェックは公開の DNS に問い合わせるので、ほかの人から見える状態をそのまま調べられます。',
    },
    settings: {
      summary: '設定',
      resolverLegend: 'ライブチェックのリゾルバ (DNS over HTTPS)',
      cloudflare: 'Cloudflare (1.1.1.1) — 既定',
      google: 'Google Public DNS (8.8.8.8)',
      custom: 'ほかのリゾルバ',
      customLabel: 'リゾルバの URL (https://…/dns-query、RFC 8484)',
      timeoutLabel: '1 つの応答を待つ秒数',
      saved: '設定はこのブラウザの中だけに保存されます。',
      // The askPtr setting (www/lib/settings.js): off unless chosen.
      askPtr: 'メールサーバーのアドレスの逆引き DNS (PTR) も問い合わせる',
      askPtrHelp: 'プロキシで隠しているかもしれないメールサーバーのアドレスを、リゾルバに伝えることになります。オフのときは、問い合わせなかったアドレスをレポートに示します。',
    },
    progress: {
      label: 'チェックの進み具合',
      starting: 'チェッカーを起動しています…',
      reading: '{file} を読み込み中: {percent} %',
      report: '問題を探し、修正を書き出しています…',
    },
    status: {
      running: 'チェック中…',
      done: 'チェックが終わりました: {summary}。',
      cancelled: 'チェックを中止しました。',
      failed: 'チェックできませんでした。',
      cancelling: '中止しています…',
      fromLink: '「チェック」を押すと、{domain} をライブ DNS で調べます。',
    },
    errors: {
      'no-input': 'ゾーンファイルを選ぶか、ライブチェックするドメインを入力してください。',
      'too-large': 'ファイルが大きすぎるため、一度にはチェックできません ({size}、上限は {limit}。コマンドラインでも同じです)。ゾーンを一つずつチェックしてください。',
      unreadable: 'ファイル {file} を読み込めませんでした。',
      'core-failed': 'チェッカーを起動できませんでした: {detail}',
      'worker-crashed': 'チェッカーが予期せず停止しました (メモリ不足の可能性があります)。もう一度試すか、コマンドラインを使ってください。',
      'dns-failed': 'ライブチェックが止まりました: {detail}',
      'bad-origin': 'IPv4 または IPv6 のアドレスではありません: {detail}',
      'bad-domain': 'ドメイン名ではありません: "{value}"。example.com のように入力してください。',
      'bad-timeout': '待ち時間は 1 秒から 120 秒の間で指定してください。',
      framed: 'このページはほかのサイトの中に表示されているため、ライブチェックを行いません。ドメインをチェックするには、mxray を新しいタブで開いてください。',
      internal: '問題が起きました: {detail}',
      // Terraform の入力 (www/lib/as-code/terraform.js)。ディスクから開いたページは .tf を読めません。
      terraform: {
        'no-parser': '{file} は Terraform のファイルですが、このページでは読めません。ディスクから開いたページは HCL パーサーを読み込めないためです。公開されているページかコマンドラインでチェックしてください: mxray check --zone {file}',
        'no-domain': '{file}: ゾーンのドメインがファイルに書かれていません。ドメインも入力してください。',
        syntax: '{file} の {line} 行目: Terraform として正しくありません: {detail}',
        'not-terraform': '{file} は Cloudflare の DNS レコードを含む Terraform のファイルではありません。',
      },
    },
    resolver: {
      'bad-doh-format': '不明な DoH 形式です: {value}',
      'no-endpoint': 'リゾルバ {value} には {format} のエンドポイントがありません。',
      'bad-spec': 'リゾルバを選ぶか、その https の URL を入力してください。',
      'unknown-resolver': '不明なリゾルバ "{value}" です: 一覧から選ぶか https の URL を入力してください。',
      'not-a-url': 'リゾルバのアドレスが URL ではありません: {value}',
      'not-https': 'リゾルバのアドレスは https:// で始まる必要があります (DNS over HTTPS): {value}',
    },
    results: {
      heading: '結果',
      empty: 'ゾーンファイルを選ぶかドメインを入力すると、ここに結果が表示されます。',
      summaryTitle: '概要',
      couldNotCheck: 'チェックできませんでした',
      couldNotCheckWhy: 'mxray はリゾルバ {resolver} に問い合わせましたが、{reason}。DNS の問い合わせ {questions} 件のうち {count} 件に使える応答がありませんでした。',
      otherResolver: '{resolver} でもう一度チェック',
      noFixBlind: '確認できた範囲では変更は不要です。確認できなかった部分には変更が必要なこともあります。',
      counts: { critical: '重大', warning: '警告', info: '情報' },
      elapsed: '{ms} ミリ秒でチェックしました。',
      diagnosticsTitle: 'ゾーンファイルを読み込む際の問題',
      diagnosticsHelp: 'これらの行は読み飛ばし、ゾーンの残りをチェックしました。',
      moreDiagnostics: '… ほか {count} 件。',
      symptomsTitle: '症状の説明',
      explainedBy: '指摘 {list} で説明できます',
      notExplained: 'これを説明する指摘はありません',
      findingsTitle: '指摘',
      findingLabel: '指摘 {n}',
      explains: '説明する症状: {list}',
      evidence: 'mxray の判断根拠',
      rulePage: 'このルールについて: 何が起きるか、なぜか、直し方',
      compareTitle: 'アップロードしたゾーンとライブ DNS',
      compareCaption: '各メール用の名前の行き先 (ゾーンとライブ DNS)',
      compareName: '名前',
      compareZone: 'ゾーン上',
      compareLive: 'ライブ DNS 上',
      compareState: '一致',
      agree: 'はい',
      disagree: 'いいえ — 異なります',
      route: {
        origin: 'お使いのサーバー',
        proxy: '[{provider} の]プロキシ',
        missing: 'アドレスなし',
        unknown: '不明[ ({reason})]',
      },
      fixTitle: '修正',
      fillIn: '「その他の設定」にアドレスを入力してもう一度チェックすると、mxray がすべての箇所に埋め込みます。',
      diffTitle: '変更内容 (diff)',
      diffLayout: 'diff の表示形式',
      unified: '統合表示',
      sideBySide: '左右に並べて表示',
      diffTooLong: 'diff は {lines} 行あります。ここには最初の {shown} 行を表示しています。全体はダウンロードしてください。',
      noDiff: 'アップロードしたゾーンファイルに変更はありません (修正は変更計画と Cloudflare 用のファイルにあります)。',
      downloadsTitle: '修正のファイル',
      download: 'ダウンロード',
      copy: 'コピー',
      copyOf: 'コピー: {what}',
      downloadOf: 'ダウンロード: {what}',
      copied: 'コピーしました: {what}。',
      copyFailed: 'コピーできませんでした ({detail})。ダウンロードを使ってください。',
      file: {
        zone: '修正済みのゾーン ({file})',
        diff: 'diff (patch -p1)',
        import: 'Cloudflare のインポート用ファイル: 追加するレコードだけ (先に古いレコードを削除。DNS › レコード › インポート)',
        batch: 'Cloudflare API のバッチ用データ (JSON)',
        curl: 'Cloudflare API の呼び出し (curl)',
        plan: '変更計画',
      },
      stepsTitle: '手順',
    },
    symptoms: {
      'website-works': 'ウェブサイトは表示される',
      'webmail-works': 'ブラウザのウェブメールは使える',
      'phone-cannot-receive': 'スマートフォンやメールソフトでメールを受信できない',
      'cannot-send': 'メールを送信できない、または送ったメールが拒否される',
      'inbound-bounces': '他の人からこちらへのメールが戻ってしまう',
    },
    rules: {
      indexTitle: 'mxray のルール',
      indexIntro: 'ルールごとに 1 ページ: 何が起きるか、なぜか、mxray の判断根拠、直し方、リスクを受け入れる場合。',
      backToIndex: 'ルールの一覧',
      backToChecker: 'チェッカーに戻る',
      otherLanguage: 'English',
    },
    history: {
      heading: '前回のチェックからの変化',
      when: '前回のチェック: {when}',
      verdictSame: '判定は前回と同じ「{verdict}」です。',
      verdictChanged: '判定は「{before}」から「{now}」に変わりました。',
      added: '前回はなかった指摘',
      gone: '前回からなくなった指摘',
      nothingElse: '指摘の増減はありません。',
      incomplete: '各チェックの指摘は最初の {count} 件だけを記録しているため、この一覧には漏れがあるかもしれません。',
      first: 'このチェックをブラウザに記録しました。次に {domain} をチェックしたとき、何が変わったかを表示します。',
      unavailable: 'このブラウザではページがチェックを記録できないため、前回からの変化は表示できません。',
      kept: 'このブラウザは {count} 件のドメインについて最後のチェックを記録しています。記録はこのブラウザの中だけにあり、どこにも送られません。',
      none: 'このブラウザにはチェックの記録がありません。',
      forget: '記録したチェックを消去',
      forgotten: '消去しました。このブラウザにはチェックの記録が残っていません。',
      verdicts: { broken: '不具合あり', 'at-risk': '要注意', fine: '問題なし', 'could-not-tell': '判定できません' },
    },
  },
};

/** The languages the site speaks. */
export const siteLanguages = Object.keys(siteMessages);

// A placeholder without a value stays as written: "{origin-ipv4}" in the help text.
// Values (file names, what was typed) are shown in their display form: a bidi override shows as ⟨U+202E⟩.
const fill = (template, values) => fillTemplate(template, values, { keepUnknown: true, show: displayText });

/**
 * The site's words for `path` ("input.check", "errors.too-large") in `lang`,
 * with `values` filled in; English when the language lacks the key, the path
 * itself when no language has it.
 */
export function siteMessage(path, lang = 'en', values = {}) {
  const template = lookup(siteMessages, path, lang);
  return template === undefined ? path : fill(template, values);
}

/** "1 GiB", "66.3 MB": a byte count for people, in decimal units (as file managers show). */
export function formatBytes(n) {
  const units = ['B', 'kB', 'MB', 'GB'];
  let v = Number(n) || 0;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

/* CKEditor 4 in Bahasa Indonesia (issue 14, item 7). Loaded after ckeditor.js by
   newsroom.uploads.EditorWidget.

   CKEditor's own "id" language leaves a third of its strings in English ("Link Info",
   "Display Text", "Unlink") and gets others wrong ("Tabe" for Tabel, "Membentuk" for Formatted,
   "Judul halaman" for a table's caption). Every string of the plugins this editor loads is
   written here and laid over CKEditor's when an editor's language is "id", before the toolbar
   and dialogs are built. The accessibility help (Alt+0) comes from its own file, so its entries
   are laid over when that file arrives. tests/e2e/test_editor_journey.py walks the toolbar,
   the lists, the dialogs and the context menu in Chromium and fails on English text. */
/* global CKEDITOR */
;(() => {
  if (!window.CKEDITOR) return

  const STRINGS = {
    application: "Editor teks",
    editor: "Editor teks",
    editorPanel: "Panel editor teks",
    common: {
      editorHelp: "Tekan Alt 0 untuk bantuan.",
      browseServer: "Pilih dari Server",
      url: "Alamat (URL)",
      protocol: "Protokol",
      upload: "Unggah",
      uploadSubmit: "Unggah ke Server",
      image: "Gambar",
      form: "Formulir",
      checkbox: "Kotak centang",
      radio: "Tombol pilihan",
      textField: "Kolom teks",
      textarea: "Area teks",
      hiddenField: "Kolom tersembunyi",
      button: "Tombol",
      select: "Daftar pilihan",
      imageButton: "Tombol gambar",
      notSet: "<tidak diatur>",
      id: "ID",
      name: "Nama",
      langDir: "Arah tulisan",
      langDirLtr: "Kiri ke kanan (LTR)",
      langDirRtl: "Kanan ke kiri (RTL)",
      langCode: "Kode bahasa",
      longDescr: "Alamat deskripsi panjang",
      cssClass: "Kelas CSS",
      advisoryTitle: "Keterangan singkat (tooltip)",
      cssStyle: "Gaya",
      ok: "OK",
      cancel: "Batal",
      close: "Tutup",
      preview: "Pratinjau",
      resize: "Ubah ukuran",
      generalTab: "Umum",
      advancedTab: "Lanjutan",
      validateNumberFailed: "Nilai ini bukan angka.",
      confirmNewPage:
        "Perubahan yang belum disimpan akan hilang. Yakin ingin membuka halaman baru?",
      confirmCancel: "Ada isian yang sudah diubah. Yakin ingin menutup jendela ini?",
      options: "Pilihan",
      target: "Buka di",
      targetNew: "Jendela baru (_blank)",
      targetTop: "Jendela teratas (_top)",
      targetSelf: "Jendela yang sama (_self)",
      targetParent: "Jendela induk (_parent)",
      langDirLTR: "Kiri ke kanan (LTR)",
      langDirRTL: "Kanan ke kiri (RTL)",
      styles: "Gaya",
      cssClasses: "Kelas CSS",
      width: "Lebar",
      height: "Tinggi",
      align: "Perataan",
      left: "Kiri",
      right: "Kanan",
      center: "Tengah",
      justify: "Rata kiri-kanan",
      alignLeft: "Rata kiri",
      alignRight: "Rata kanan",
      alignCenter: "Rata tengah",
      alignTop: "Atas",
      alignMiddle: "Tengah",
      alignBottom: "Bawah",
      alignNone: "Tidak ada",
      invalidValue: "Nilai tidak sah.",
      invalidHeight: "Tinggi harus berupa angka.",
      invalidWidth: "Lebar harus berupa angka.",
      invalidLength:
        'Isian "%1" harus berupa angka positif, dengan atau tanpa satuan ukuran yang sah (%2).',
      invalidCssLength:
        'Isian "%1" harus berupa angka positif, dengan atau tanpa satuan CSS yang sah (px, %, in, cm, mm, em, ex, pt, atau pc).',
      invalidHtmlLength:
        'Isian "%1" harus berupa angka positif, dengan atau tanpa satuan HTML yang sah (px atau %).',
      invalidInlineStyle:
        'Gaya harus berupa satu atau beberapa pasangan "nama : nilai" yang dipisahkan titik koma.',
      cssLengthTooltip:
        "Masukkan angka dalam piksel, atau angka dengan satuan CSS yang sah (px, %, in, cm, mm, em, ex, pt, atau pc).",
      unavailable: '%1<span class="cke_accessibility">, tidak tersedia</span>',
      keyboard: {
        8: "Backspace",
        13: "Enter",
        16: "Shift",
        17: "Ctrl",
        18: "Alt",
        32: "Spasi",
        35: "End",
        36: "Home",
        46: "Delete",
        224: "Command",
      },
      keyboardShortcut: "Pintasan papan ketik",
      optionDefault: "Bawaan",
    },
    basicstyles: {
      bold: "Tebal",
      italic: "Miring",
      strike: "Coret",
      subscript: "Subskrip",
      superscript: "Superskrip",
      underline: "Garis bawah",
    },
    blockquote: { toolbar: "Kutipan" },
    clipboard: {
      copy: "Salin",
      copyError:
        "Pengaturan keamanan peramban tidak mengizinkan editor menyalin secara otomatis. Gunakan papan ketik (Ctrl/Cmd+C).",
      cut: "Potong",
      cutError:
        "Pengaturan keamanan peramban tidak mengizinkan editor memotong secara otomatis. Gunakan papan ketik (Ctrl/Cmd+X).",
      paste: "Tempel",
      pasteNotification:
        "Tekan %1 untuk menempel. Peramban ini tidak mendukung tempel lewat tombol atau menu.",
      pasteArea: "Area tempel",
      pasteMsg: "Tempel isi di kotak di bawah ini, lalu tekan OK.",
      fileFormatNotSupportedNotification: "Format berkas ${formats} tidak didukung.",
      fileWithoutFormatNotSupportedNotification: "Format berkas ini tidak didukung.",
    },
    contextmenu: { options: "Pilihan menu konteks" },
    fakeobjects: {
      anchor: "Jangkar",
      hiddenfield: "Kolom tersembunyi",
      iframe: "Video YouTube",
      unknown: "Objek tak dikenal",
    },
    filetools: {
      loadError: "Berkas tidak dapat dibaca.",
      networkError: "Jaringan terputus saat mengunggah berkas.",
      httpError404: "Berkas gagal diunggah (404: alamat tidak ditemukan).",
      httpError403: "Berkas gagal diunggah (403: tidak diizinkan).",
      httpError: "Berkas gagal diunggah (kode galat: %1).",
      noUrlError: "Alamat unggahan belum diatur.",
      responseError: "Jawaban server tidak dapat dibaca.",
    },
    format: {
      label: "Format",
      panelTitle: "Format paragraf",
      tag_address: "Alamat (kontak)",
      tag_div: "Blok (DIV)",
      tag_h1: "Judul 1",
      tag_h2: "Judul 2",
      tag_h3: "Judul 3",
      tag_h4: "Judul 4",
      tag_h5: "Judul 5",
      tag_h6: "Judul 6",
      tag_p: "Paragraf",
      tag_pre: "Teks praformat",
    },
    iframe: {
      border: "Tampilkan bingkai",
      noUrl: "Tempel alamat video YouTube.",
      scrolling: "Izinkan bilah gulir",
      title: "Video YouTube",
      toolbar: "Video YouTube",
      tabindex: "Lewati saat menekan Tab",
    },
    image: {
      alt: "Teks alternatif",
      border: "Bingkai",
      btnUpload: "Unggah ke Server",
      button2Img: "Ubah tombol gambar yang dipilih menjadi gambar biasa?",
      hSpace: "Jarak mendatar",
      img2Button: "Ubah gambar yang dipilih menjadi tombol gambar?",
      infoTab: "Informasi Gambar",
      linkTab: "Tautan",
      lockRatio: "Kunci rasio",
      menu: "Pengaturan Gambar",
      resetSize: "Kembalikan ukuran",
      title: "Pengaturan Gambar",
      titleButton: "Pengaturan Tombol Gambar",
      upload: "Unggah",
      urlMissing: "Alamat gambar belum diisi.",
      vSpace: "Jarak tegak",
      validateBorder: "Tebal bingkai harus bilangan bulat.",
      validateHSpace: "Jarak mendatar harus bilangan bulat.",
      validateVSpace: "Jarak tegak harus bilangan bulat.",
    },
    indent: { indent: "Tambah indentasi", outdent: "Kurangi indentasi" },
    link: {
      acccessKey: "Tombol akses",
      advanced: "Lanjutan",
      advisoryContentType: "Jenis isi (keterangan)",
      advisoryTitle: "Keterangan singkat (tooltip)",
      anchor: {
        toolbar: "Jangkar",
        menu: "Ubah Jangkar",
        title: "Pengaturan Jangkar",
        name: "Nama jangkar",
        errorName: "Ketik nama jangkar.",
        errorWhitespace: "Nama jangkar tidak boleh berisi spasi.",
        remove: "Hapus Jangkar",
      },
      anchorId: "Menurut ID elemen",
      anchorName: "Menurut nama jangkar",
      charset: "Set karakter tujuan",
      cssClasses: "Kelas CSS",
      download: "Paksa unduh",
      displayText: "Teks tautan",
      emailAddress: "Alamat e-mail",
      emailBody: "Isi pesan",
      emailSubject: "Subjek pesan",
      id: "ID",
      info: "Informasi Tautan",
      langCode: "Kode bahasa",
      langDir: "Arah tulisan",
      langDirLTR: "Kiri ke kanan (LTR)",
      langDirRTL: "Kanan ke kiri (RTL)",
      menu: "Ubah Tautan",
      name: "Nama",
      noAnchors: "(Tidak ada jangkar di dalam teks)",
      noEmail: "Ketik alamat e-mail.",
      noUrl: "Ketik alamat tautan (URL).",
      noTel: "Ketik nomor telepon.",
      other: "<lainnya>",
      phoneNumber: "Nomor telepon",
      popupDependent: "Bergantung (Netscape)",
      popupFeatures: "Fitur jendela sembul",
      popupFullScreen: "Layar penuh (IE)",
      popupLeft: "Posisi kiri",
      popupLocationBar: "Bilah alamat",
      popupMenuBar: "Bilah menu",
      popupResizable: "Dapat diubah ukurannya",
      popupScrollBars: "Bilah gulir",
      popupStatusBar: "Bilah status",
      popupToolbar: "Bilah alat",
      popupTop: "Posisi atas",
      rel: "Hubungan",
      selectAnchor: "Pilih jangkar",
      styles: "Gaya",
      tabIndex: "Urutan Tab",
      target: "Buka di",
      targetFrame: "<bingkai>",
      targetFrameName: "Nama bingkai tujuan",
      targetPopup: "<jendela sembul>",
      targetPopupName: "Nama jendela sembul",
      title: "Tautan",
      toAnchor: "Jangkar di dalam teks",
      toEmail: "E-mail",
      toUrl: "Alamat web (URL)",
      toPhone: "Telepon",
      toolbar: "Tautan",
      type: "Jenis tautan",
      unlink: "Hapus tautan",
      upload: "Unggah",
    },
    list: {
      bulletedlist: "Daftar berpoin",
      numberedlist: "Daftar bernomor",
    },
    magicline: { title: "Sisipkan paragraf di sini" },
    notification: { closed: "Pemberitahuan ditutup." },
    pastefromword: {
      confirmCleanup:
        "Teks yang ditempel tampaknya disalin dari Word. Bersihkan formatnya sebelum ditempel?",
      error: "Teks yang ditempel tidak dapat dibersihkan karena terjadi galat.",
      title: "Tempel dari Word",
      toolbar: "Tempel dari Word",
    },
    pastetext: {
      button: "Tempel sebagai teks biasa",
      pasteNotification:
        "Tekan %1 untuk menempel. Peramban ini tidak mendukung tempel lewat tombol atau menu.",
      title: "Tempel sebagai Teks Biasa",
    },
    removeformat: { toolbar: "Hapus Format" },
    table: {
      border: "Tebal garis",
      caption: "Keterangan tabel",
      cell: {
        menu: "Sel",
        insertBefore: "Sisipkan Sel Sebelumnya",
        insertAfter: "Sisipkan Sel Sesudahnya",
        deleteCell: "Hapus Sel",
        merge: "Gabungkan Sel",
        mergeRight: "Gabungkan ke Kanan",
        mergeDown: "Gabungkan ke Bawah",
        splitHorizontal: "Bagi Sel Mendatar",
        splitVertical: "Bagi Sel Tegak",
        title: "Pengaturan Sel",
        cellType: "Jenis sel",
        rowSpan: "Rentang baris",
        colSpan: "Rentang kolom",
        wordWrap: "Lipat teks",
        hAlign: "Perataan mendatar",
        vAlign: "Perataan tegak",
        alignBaseline: "Garis dasar",
        bgColor: "Warna latar",
        borderColor: "Warna garis",
        data: "Isi",
        header: "Judul",
        columnHeader: "Judul kolom",
        rowHeader: "Judul baris",
        yes: "Ya",
        no: "Tidak",
        invalidWidth: "Lebar sel harus berupa angka.",
        invalidHeight: "Tinggi sel harus berupa angka.",
        invalidRowSpan: "Rentang baris harus bilangan bulat.",
        invalidColSpan: "Rentang kolom harus bilangan bulat.",
        chooseColor: "Pilih",
      },
      cellPad: "Jarak isi sel",
      cellSpace: "Jarak antarsel",
      column: {
        menu: "Kolom",
        insertBefore: "Sisipkan Kolom Sebelumnya",
        insertAfter: "Sisipkan Kolom Sesudahnya",
        deleteColumn: "Hapus Kolom",
      },
      columns: "Kolom",
      deleteTable: "Hapus Tabel",
      headers: "Sel judul",
      headersBoth: "Baris dan kolom pertama",
      headersColumn: "Kolom pertama",
      headersNone: "Tidak ada",
      headersRow: "Baris pertama",
      heightUnit: "satuan tinggi",
      invalidBorder: "Tebal garis harus berupa angka.",
      invalidCellPadding: "Jarak isi sel harus angka positif.",
      invalidCellSpacing: "Jarak antarsel harus angka positif.",
      invalidCols: "Jumlah kolom harus angka lebih dari 0.",
      invalidHeight: "Tinggi tabel harus berupa angka.",
      invalidRows: "Jumlah baris harus angka lebih dari 0.",
      invalidWidth: "Lebar tabel harus berupa angka.",
      menu: "Pengaturan Tabel",
      row: {
        menu: "Baris",
        insertBefore: "Sisipkan Baris Sebelumnya",
        insertAfter: "Sisipkan Baris Sesudahnya",
        deleteRow: "Hapus Baris",
      },
      rows: "Baris",
      summary: "Ringkasan",
      title: "Pengaturan Tabel",
      toolbar: "Tabel",
      widthPc: "persen",
      widthPx: "piksel",
      widthUnit: "satuan lebar",
    },
    toolbar: {
      toolbarCollapse: "Ciutkan bilah alat",
      toolbarExpand: "Bentangkan bilah alat",
      toolbarGroups: {
        document: "Dokumen",
        clipboard: "Papan klip/Urungkan",
        editing: "Penyuntingan",
        forms: "Formulir",
        basicstyles: "Gaya dasar",
        paragraph: "Paragraf",
        links: "Tautan",
        insert: "Sisipkan",
        styles: "Gaya",
        colors: "Warna",
        tools: "Alat",
      },
      toolbars: "Bilah alat editor",
    },
    undo: { redo: "Ulangi", undo: "Urungkan" },
    uploadwidget: {
      abort: "Unggahan dibatalkan.",
      doneOne: "Berkas berhasil diunggah.",
      doneMany: "%1 berkas berhasil diunggah.",
      uploadOne: "Mengunggah berkas ({percentage}%)...",
      uploadMany: "Mengunggah berkas, {current} dari {max} selesai ({percentage}%)...",
    },
    versionCheck: {
      notificationMessage:
        'CKEditor %current ini tidak aman. Pertimbangkan <a target="_blank" href="%link">memperbarui ke versi terbaru</a>, %latest.',
      consoleMessage:
        "CKEditor %current ini tidak aman. Pertimbangkan memperbarui ke versi terbaru, %latest: %link",
      aboutDialogInsecureMessage:
        'CKEditor %current ini tidak aman.<br>Pertimbangkan memperbarui ke versi terbaru, %latest:<br><a target="_blank" href="%link">%link</a>',
      aboutDialogUpgradeMessage:
        'Pertimbangkan memperbarui ke versi terbaru, %latest:<br><a target="_blank" href="%link">%link</a>',
    },
    widget: { move: "Klik dan seret untuk memindahkan", label: "Widget %1" },
  }

  // The accessibility help (Alt+0), for the commands this editor has.
  const HELP = {
    title: "Petunjuk Aksesibilitas",
    contents: "Isi bantuan. Tekan Esc untuk menutup jendela ini.",
    legend: [
      {
        name: "Umum",
        items: [
          {
            name: "Bilah alat editor",
            legend:
              "Tekan ${toolbarFocus} untuk ke bilah alat. Pindah ke kelompok tombol berikutnya dengan Tab, ke kelompok sebelumnya dengan Shift+Tab. Pindah ke tombol berikutnya dengan Panah Kanan atau Panah Bawah, ke tombol sebelumnya dengan Panah Kiri atau Panah Atas. Tekan Spasi atau Enter untuk memakai tombol. Fokus kembali ke area penyuntingan setelah tombol dipakai.",
          },
          {
            name: "Jendela dialog",
            legend:
              "Di dalam jendela dialog, tekan Tab untuk ke isian berikutnya, Shift+Tab untuk ke isian sebelumnya, Enter untuk menyimpan, dan Esc untuk membatalkan. Bila jendela punya beberapa tab, daftar tab dicapai dengan Alt+F10 atau dengan Tab; pindah tab dengan Panah Kanan dan Panah Kiri. Fokus kembali ke area penyuntingan setelah jendela ditutup.",
          },
          {
            name: "Menu konteks",
            legend:
              "Tekan ${contextMenu} atau tombol Menu untuk membuka menu konteks. Pindah ke pilihan berikutnya dengan Tab atau Panah Bawah, ke pilihan sebelumnya dengan Shift+Tab atau Panah Atas. Tekan Spasi atau Enter untuk memilih. Buka submenu dengan Spasi, Enter, atau Panah Kanan; kembali ke menu induk dengan Esc atau Panah Kiri. Tutup menu dengan Esc.",
          },
          {
            name: "Daftar pilihan",
            legend:
              "Di dalam daftar pilihan (misalnya Format), pindah ke butir berikutnya dengan Tab atau Panah Bawah, ke butir sebelumnya dengan Shift+Tab atau Panah Atas. Tekan Spasi atau Enter untuk memilih. Tekan Esc untuk menutup daftar.",
          },
        ],
      },
      {
        name: "Perintah",
        items: [
          { name: " Urungkan", legend: "Tekan ${undo}" },
          { name: " Ulangi", legend: "Tekan ${redo}" },
          { name: " Tebal", legend: "Tekan ${bold}" },
          { name: " Miring", legend: "Tekan ${italic}" },
          { name: " Tautan", legend: "Tekan ${link}" },
          {
            name: " Ke ruang fokus sebelumnya",
            legend:
              "Tekan ${accessPreviousSpace} untuk menaruh kursor di ruang yang tidak terjangkau sebelum kursor, misalnya di antara dua tabel yang berdampingan. Ulangi untuk ruang yang lebih jauh.",
          },
          {
            name: " Ke ruang fokus berikutnya",
            legend:
              "Tekan ${accessNextSpace} untuk menaruh kursor di ruang yang tidak terjangkau sesudah kursor, misalnya di antara dua tabel yang berdampingan. Ulangi untuk ruang yang lebih jauh.",
          },
          { name: " Bantuan aksesibilitas", legend: "Tekan ${a11yHelp}" },
          {
            name: " Tempel sebagai teks biasa",
            legend: "Tekan ${pastetext}",
            legendEdge: "Tekan ${pastetext}, lalu ${paste}",
          },
        ],
      },
    ],
    tab: "Tab",
    pause: "Pause",
    capslock: "Caps Lock",
    escape: "Esc",
    pageUp: "Page Up",
    pageDown: "Page Down",
    leftArrow: "Panah Kiri",
    upArrow: "Panah Atas",
    rightArrow: "Panah Kanan",
    downArrow: "Panah Bawah",
    insert: "Insert",
    leftWindowKey: "Tombol Windows kiri",
    rightWindowKey: "Tombol Windows kanan",
    selectKey: "Tombol Select",
    numpad0: "Numpad 0",
    numpad1: "Numpad 1",
    numpad2: "Numpad 2",
    numpad3: "Numpad 3",
    numpad4: "Numpad 4",
    numpad5: "Numpad 5",
    numpad6: "Numpad 6",
    numpad7: "Numpad 7",
    numpad8: "Numpad 8",
    numpad9: "Numpad 9",
    multiply: "Kali",
    add: "Tambah",
    subtract: "Kurang",
    decimalPoint: "Titik desimal",
    divide: "Bagi",
    f1: "F1",
    f2: "F2",
    f3: "F3",
    f4: "F4",
    f5: "F5",
    f6: "F6",
    f7: "F7",
    f8: "F8",
    f9: "F9",
    f10: "F10",
    f11: "F11",
    f12: "F12",
    numLock: "Num Lock",
    scrollLock: "Scroll Lock",
    semiColon: "Titik koma",
    equalSign: "Sama dengan",
    comma: "Koma",
    dash: "Tanda hubung",
    period: "Titik",
    forwardSlash: "Garis miring",
    graveAccent: "Aksen grave",
    openBracket: "Kurung siku buka",
    backSlash: "Garis miring terbalik",
    closeBracket: "Kurung siku tutup",
    singleQuote: "Tanda kutip tunggal",
  }

  // Shown next to the image in the image dialog's preview (CKEditor's default is Lorem ipsum).
  const IMAGE_PREVIEW_TEXT =
    "Contoh teks berita di sekitar gambar, untuk melihat ukuran gambar di dalam naskah."

  function layOver(target, strings) {
    for (const key of Object.keys(strings)) {
      const value = strings[key]
      if (value && typeof value === "object" && !Array.isArray(value)) {
        if (!target[key] || typeof target[key] !== "object") target[key] = {}
        layOver(target[key], value)
      } else {
        target[key] = value
      }
    }
  }

  function isIndonesian(code) {
    return code === "id" || String(code).startsWith("id-")
  }

  // Before the plugins are initialised: they read their labels from editor.lang then.
  CKEDITOR.on("instanceCreated", (event) => {
    const editor = event.editor
    editor.on("langLoaded", () => {
      if (!isIndonesian(editor.langCode)) return
      layOver(editor.lang, STRINGS)
      editor.config.image_previewText = IMAGE_PREVIEW_TEXT
      // The editing area's accessible name: CKEditor has already built it from its own
      // strings and the field's id ("Rich Text Editor, id_body"); name the field instead.
      const field = editor.element?.$
      const label = field?.id && document.querySelector(`label[for="${field.id}"]`)
      const name = label ? label.textContent.replace(/[\s:*]+$/, "").trim() : ""
      if (typeof editor.config.title !== "string") {
        editor.title = name ? `${STRINGS.editor}: ${name}` : STRINGS.editor
      }
      if (typeof editor.config.applicationTitle !== "string") {
        editor.applicationTitle = name ? `${STRINGS.application}: ${name}` : STRINGS.application
      }
    })
  })

  const setLang = CKEDITOR.plugins.setLang
  CKEDITOR.plugins.setLang = function (plugin, code, entries) {
    setLang.call(this, plugin, code, entries)
    if (plugin === "a11yhelp" && isIndonesian(code)) {
      setLang.call(this, plugin, code, HELP)
    }
  }
})()

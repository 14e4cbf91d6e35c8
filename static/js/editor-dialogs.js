/* The rules of CKEditor 4's link and video dialogs (issue 14, item 7). Loaded after ckeditor.js
   by newsroom.uploads.EditorWidget; the texts come from the server in the editor's config
   (``config.humas``, newsroom.editor.messages), in the person's language.

   - Link: https:// first and the default (settings.CKEDITOR_CONFIGS), only the protocols the
     sanitiser keeps, no links to anchors (the sanitiser drops ids and names), and a warning
     while the link's text is empty or a single character, or the address is http://: the same
     rules, in the same words, as the pre-publication checklist (newsroom.checks.link_problem).
   - Video (the iframe plugin): any YouTube address becomes the youtube-nocookie.com embed the
     sanitiser keeps; anything else is refused in the dialog instead of vanishing on save.
   - Table: a new table starts with a header row. */
/* global CKEDITOR */
;(() => {
  if (!window.CKEDITOR) return

  // The same collapsing of white space as newsroom.checks._Reader ("".join(text.split())).
  function squeeze(text) {
    return String(text || "")
      .replace(/\s+/g, " ")
      .trim()
  }

  // A link's text as the checklist reads it: its words and the alt text of its images.
  function textOf(element) {
    const node = element.$
    const alts = Array.from(node.querySelectorAll("img"), (img) => img.alt || "")
    return squeeze(node.textContent + alts.join(""))
  }

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, (_, name) => values[name] ?? "")
  }

  function eachElement(elements, visit) {
    for (const element of elements || []) {
      if (!element) continue
      visit(element)
      eachElement(element.children, visit)
    }
  }

  function findElement(contents, id) {
    let found = null
    eachElement(contents?.elements, (element) => {
      if (element.id === id) found = element
    })
    return found
  }

  // Take an element out of whichever row or column holds it.
  function detach(contents, id) {
    let found = null
    const strip = (elements) => {
      const index = elements.findIndex((element) => element?.id === id)
      if (index >= 0) [found] = elements.splice(index, 1)
      for (const element of elements) if (element?.children) strip(element.children)
    }
    strip(contents.elements)
    return found
  }

  // --- Link ---------------------------------------------------------------------------------

  // The text the link will have once OK is pressed: what is typed as its text; else the text
  // it already has; else the selected text; else CKEditor writes the address itself.
  function linkText(dialog, editor) {
    const field = dialog.getContentElement("info", "linkDisplayText")
    const typed = field?.isVisible() ? squeeze(field.getValue()) : ""
    if (typed) return typed
    // The links being edited, as the link dialog's own onShow keeps them (CKEditor 4.22).
    const links = dialog._.selectedElements || []
    if (links.length) return textOf(links[0])
    const selection = editor.getSelection()
    const range = selection?.getRanges()[0]
    if (range && !range.collapsed) {
      const box = editor.document.createElement("div")
      box.append(range.cloneContents())
      return textOf(box)
    }
    return null
  }

  function linkWarnings(dialog, editor) {
    const say = editor.config.humas || {}
    if (dialog.getValueOf("info", "linkType") !== "url") return []
    const protocol = dialog.getValueOf("info", "protocol")
    const address = squeeze(dialog.getValueOf("info", "url"))
    const href = (protocol || "") + address
    const text = linkText(dialog, editor)
    const warnings = []
    if (text === "" && say.link_empty) {
      warnings.push(fill(say.link_empty, { href: href || "—" }))
    } else if (text && Array.from(text).length === 1 && say.link_single) {
      warnings.push(fill(say.link_single, { text }))
    }
    const http = protocol === "http://" || (!protocol && /^http:\/\//i.test(address))
    if (http && address && say.link_http) {
      warnings.push(fill(say.link_http, { text: text || href }))
    }
    return warnings
  }

  function showLinkWarnings(dialog, editor) {
    const box = dialog.getContentElement("info", "humasLinkWarnings")?.getElement()
    if (!box) return
    const warnings = linkWarnings(dialog, editor)
    box.$.replaceChildren(
      ...warnings.map((warning) => {
        const line = document.createElement("p")
        line.textContent = warning
        return line
      }),
    )
    box.$.hidden = warnings.length === 0
  }

  function watchLinkFields(dialog, editor) {
    if (dialog._humasWatching) return
    dialog._humasWatching = true
    const update = () => showLinkWarnings(dialog, editor)
    for (const id of ["linkDisplayText", "url", "protocol", "linkType"]) {
      const field = dialog.getContentElement("info", id)
      if (!field) continue
      field.on("change", update) // setValue, and CKEditor's own protocol detection
      field.getInputElement().$.addEventListener("input", update) // typing
    }
  }

  function adjustLinkDialog(definition, editor) {
    const info = definition.getContents("info")
    const type = findElement(info, "linkType")
    if (type) type.items = type.items.filter((item) => item[1] !== "anchor")
    const protocol = findElement(info, "protocol")
    if (protocol) {
      // Only what the sanitiser keeps (http, https, mailto, tel), https first.
      const other = protocol.items.find((item) => item[1] === "")
      protocol.items = [["https://\u200E", "https://"], ["http://\u200E", "http://"], other]
    }
    const options = findElement(info, "urlOptions")
    // "Browse server" lists uploaded images, which are put in the text with the image button.
    detach(info, "browse")
    const warnings = {
      type: "html",
      id: "humasLinkWarnings",
      html: '<div class="humas-editor-warning" role="status" aria-live="polite" hidden></div>',
    }
    if (options?.children) {
      options.children.push(warnings)
    } else {
      info.add(warnings)
    }
    const onShow = definition.onShow
    definition.onShow = function (...args) {
      const result = onShow?.apply(this, args)
      watchLinkFields(this, editor)
      showLinkWarnings(this, editor)
      return result
    }
  }

  // --- Video ----------------------------------------------------------------------------------

  const YOUTUBE_HOSTS = ["youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com"]
  const NOCOOKIE_HOSTS = ["youtube-nocookie.com", "www.youtube-nocookie.com"]
  const VIDEO_ID = /^[A-Za-z0-9_-]{11}$/

  // The video id of a YouTube address, as newsroom.videos.youtube_id reads it.
  function youtubeId(address) {
    let url
    try {
      url = new URL(squeeze(address))
    } catch {
      return null
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return null
    const host = url.hostname.toLowerCase()
    const segments = url.pathname.split("/").filter(Boolean)
    let candidate = null
    if (host === "youtu.be") {
      candidate = segments[0]
    } else if (YOUTUBE_HOSTS.includes(host)) {
      if (segments[0] === "watch") candidate = url.searchParams.get("v")
      else if (segments.length >= 2 && ["shorts", "live", "embed", "v"].includes(segments[0]))
        candidate = segments[1]
    } else if (NOCOOKIE_HOSTS.includes(host) && segments[0] === "embed") {
      candidate = segments[1]
    }
    return candidate && VIDEO_ID.test(candidate) ? candidate : null
  }

  function adjustVideoDialog(definition, editor) {
    const say = editor.config.humas || {}
    const info = definition.getContents("info")
    const source = findElement(info, "src")
    if (source) {
      if (say.video_address) source.label = say.video_address
      source.validate = function () {
        const id = youtubeId(this.getValue())
        if (!id) return say.video_refused || false
        this.setValue((say.video_prefix || "https://www.youtube-nocookie.com/embed/") + id)
        return true
      }
    }
    // Below the address: how it is embedded, then the title, which shares a row with fields
    // the content filter hides (name) and gets its own.
    const below = []
    if (say.video_help) {
      const help = document.createElement("p")
      help.className = "humas-editor-help"
      help.textContent = say.video_help
      below.push({ type: "html", id: "humasVideoHelp", html: help.outerHTML })
    }
    const title = detach(info, "title")
    if (title) {
      if (say.video_title) title.label = say.video_title
      below.push(title)
    }
    const at = info.elements.findIndex((element) => findElement({ elements: [element] }, "src"))
    info.elements.splice(at + 1, 0, ...below)
    definition.minHeight = 0
  }

  // --- Table ----------------------------------------------------------------------------------

  // A new table starts with a header row (th scope="col", which the sanitiser keeps): screen
  // readers then name each cell's column, and most tables in a news text have one.
  function adjustTableDialog(definition) {
    const headers = findElement(definition.getContents("info"), "selHeaders")
    if (headers) headers.default = "row"
  }

  CKEDITOR.on("dialogDefinition", (event) => {
    const { name, definition } = event.data
    if (name === "link") adjustLinkDialog(definition, event.editor)
    if (name === "iframe") adjustVideoDialog(definition, event.editor)
    if (name === "table") adjustTableDialog(definition)
  })
})()

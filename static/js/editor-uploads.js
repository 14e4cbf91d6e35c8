/* Image uploads from CKEditor 4 (newsroom.uploads, loaded after ckeditor.js by
   newsroom.uploads.EditorWidget). Every upload carries Django's CSRF token and the article's
   agency; a refusal shows the server's message instead of "HTTP error 400".

   - XHR uploads (paste, drop, and the image dialog's Upload tab): a header and a form field,
     added in the editor's fileUploadRequest event, between filetools opening the request
     (priority 5) and sending it (priority 999).
   - Form uploads (the dialog in a browser without XHR uploads): hidden fields in the dialog's
     upload form, added when the upload button is clicked. */
/* global CKEDITOR */
;(() => {
  if (!window.CKEDITOR) return

  function formOf(editor) {
    return editor.element?.$?.form || null
  }

  function csrfToken(editor) {
    const form = formOf(editor)
    const field =
      form?.elements.csrfmiddlewaretoken ||
      document.querySelector("input[name=csrfmiddlewaretoken]")
    if (field) return field.value
    const cookie = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/)
    return cookie ? decodeURIComponent(cookie[1]) : ""
  }

  // The article's agency: fixed once the article exists, else the form's agency field.
  function agencyOf(editor) {
    const fixed = editor.element?.getAttribute("data-upload-agency")
    if (fixed) return fixed
    const field = formOf(editor)?.elements.agency
    return field?.value || ""
  }

  function serverMessage(xhr) {
    try {
      const answer = JSON.parse(xhr.responseText)
      return answer?.error?.message || ""
    } catch {
      return ""
    }
  }

  function setHidden(form, name, value) {
    let input = form.elements[name]
    if (!input) {
      input = form.ownerDocument.createElement("input")
      input.type = "hidden"
      input.name = name
      form.appendChild(input)
    }
    input.value = value
  }

  function prepare(editor) {
    editor.on(
      "fileUploadRequest",
      (upload) => {
        const loader = upload.data.fileLoader
        loader.xhr.setRequestHeader("X-CSRFToken", csrfToken(editor))
        upload.data.requestData.agency = agencyOf(editor)
        loader.on(
          "error",
          () => {
            const message = serverMessage(loader.xhr)
            if (message) loader.message = message
          },
          null,
          null,
          1, // before the editor's notification reads the message
        )
      },
      null,
      null,
      6,
    )
  }

  for (const name in CKEDITOR.instances) prepare(CKEDITOR.instances[name])
  CKEDITOR.on("instanceCreated", (event) => prepare(event.editor))

  function eachElement(elements, visit) {
    for (const element of elements || []) {
      if (!element) continue
      visit(element)
      eachElement(element.children, visit)
    }
  }

  CKEDITOR.on("dialogDefinition", (event) => {
    const editor = event.editor
    for (const page of event.data.definition.contents) {
      eachElement(page?.elements, (element) => {
        if (element.type !== "fileButton" || !element.for) return
        const onClick = element.onClick
        element.onClick = function (click) {
          const dialog = click.sender.getDialog()
          const input = dialog.getContentElement(element.for[0], element.for[1])
          const form = input?.getInputElement()?.$?.form
          if (form) {
            setHidden(form, "csrfmiddlewaretoken", csrfToken(editor))
            setHidden(form, "agency", agencyOf(editor))
          }
          return onClick ? onClick.call(this, click) : undefined
        }
      })
    }
  })
})()

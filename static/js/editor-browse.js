/* CKEditor's "browse server" popup (templates/ckeditor/browse.html): a click on a photo hands its
   address (and its alt text, when the library has one) to the editor's image dialog through the
   callback number CKEditor put in the address, then closes the popup. */
;(() => {
  const funcNum = new URLSearchParams(window.location.search).get("CKEditorFuncNum")
  const editor = window.opener && !window.opener.closed ? window.opener.CKEDITOR : null
  if (!editor || !/^[0-9]{1,9}$/.test(funcNum || "")) {
    for (const button of document.querySelectorAll(".browse-pick")) button.disabled = true
    const note = document.querySelector(".browse-unavailable")
    if (note) note.hidden = false
    return
  }
  document.addEventListener("click", (event) => {
    const button = event.target.closest(".browse-pick")
    if (!button) return
    const alt = button.dataset.alt || ""
    editor.tools.callFunction(Number(funcNum), button.dataset.url, function () {
      // Runs in the editor's window: "this" is the dialog's browse button.
      const dialog = this.getDialog?.()
      const field = dialog?.getName() === "image" && dialog.getContentElement("info", "txtAlt")
      if (field && alt && !field.getValue()) field.setValue(alt)
    })
    window.close()
  })
})()

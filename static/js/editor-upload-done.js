/* The answer to CKEditor's form upload (newsroom.uploads): hand the stored image's address, or
   the reason it was refused, to the editor in the parent page. Values come from data attributes
   of this script tag, never from inline code. */
;(() => {
  const script = document.currentScript
  const editorPage = window.parent
  if (!script || !editorPage || editorPage === window || !editorPage.CKEDITOR) return
  const data = script.dataset
  editorPage.CKEDITOR.tools.callFunction(
    Number(data.funcNum),
    data.url || "",
    data.message || "",
  )
})()

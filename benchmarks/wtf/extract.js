// Reads JSON lines {"title", "wikitext"} on stdin and prints, per page, what
// wtf_wikipedia reads: infobox values, citation count, categories, sections and the
// lead's first sentence. Used by benchmarks/compare_wtf_wikipedia.py.
const wtf = require('wtf_wikipedia')
const readline = require('readline')

const lines = readline.createInterface({ input: process.stdin })
lines.on('line', (line) => {
  const { title, wikitext } = JSON.parse(line)
  const doc = wtf(wikitext, { title })
  // wtf_wikipedia knows {{Infobox ...}}; a {{Drugbox}} or {{Chembox}} is a template
  // whose parameters it reads as plain text too.
  let infobox = null
  let boxName = null
  const box = doc.infobox()
  if (box) {
    infobox = box.keyValue()
    boxName = box.type()
  } else {
    for (const t of doc.templates()) {
      const data = t.json()
      if (/^(drugbox|drug box|infobox drug|chembox)$/i.test(data.template || '')) {
        boxName = data.template
        infobox = {}
        for (const key of Object.keys(data)) if (key !== 'template') infobox[key] = data[key]
        break
      }
    }
  }
  const lead = doc.section(0)
  const sentence = lead ? lead.sentence(0) : null
  const out = {
    title,
    infobox_template: boxName,
    infobox: infobox || {},
    citations: doc.references().length,
    categories: doc.categories(),
    sections: doc.sections().filter((s) => s.title()).map((s) => [s.title(), s.depth() + 2]),
    first_sentence: sentence ? sentence.text() : null,
  }
  process.stdout.write(JSON.stringify(out) + '\n')
})

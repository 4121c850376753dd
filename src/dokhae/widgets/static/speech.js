// dokhae: the speak button (widgets/speech.py). Reads a text aloud with the browser's own
// speech synthesis (window.speechSynthesis): the voices of the student's computer, offline;
// no audio leaves the machine. When there is no voice for the language, it says so (in the
// interface language) and how to add one, instead of failing silently.

const VOICE_WAIT_MS = 1500; // Chrome fills getVoices() asynchronously, after "voiceschanged"

const SPEAKER_ICON =
  '<svg aria-hidden="true" focusable="false" width="1.1em" height="1.1em" viewBox="0 0 24 24"' +
  ' style="vertical-align:-0.15em"><path fill="currentColor" d="M3 9v6h4l5 5V4L7 9H3z"/>' +
  '<path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"' +
  ' d="M15.5 8.5a5 5 0 0 1 0 7M18.5 5.5a9 9 0 0 1 0 13"/></svg>';

function voiceList(synth) {
  const now = synth.getVoices ? synth.getVoices() : [];
  if (now && now.length) return Promise.resolve(Array.from(now));
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      resolve(Array.from((synth.getVoices && synth.getVoices()) || []));
    };
    if (synth.addEventListener) synth.addEventListener("voiceschanged", finish, { once: true });
    setTimeout(finish, VOICE_WAIT_MS);
  });
}

function pickVoice(voices, lang) {
  const norm = (tag) => String(tag || "").replace("_", "-").toLowerCase();
  const wanted = norm(lang);
  const primary = wanted.split("-")[0];
  return (
    voices.find((v) => norm(v.lang) === wanted && v.localService !== false) ||
    voices.find((v) => norm(v.lang) === wanted) ||
    voices.find((v) => norm(v.lang).split("-")[0] === primary) ||
    null
  );
}

function render({ model, el }) {
  el.classList.add("dokhae-speak");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "dokhae-speak-button";
  // a drawn speaker (not the 🔊 emoji: a computer without an emoji font shows a box)
  button.innerHTML = SPEAKER_ICON;
  el.appendChild(button);

  const rateLabel = document.createElement("label");
  rateLabel.className = "dokhae-speak-rate";
  const rateText = document.createElement("span");
  const rate = document.createElement("select");
  rateLabel.append(rateText, rate);
  el.appendChild(rateLabel);

  const message = document.createElement("div");
  message.className = "dokhae-speak-message";
  message.setAttribute("role", "status");
  el.appendChild(message);

  function update() {
    const label = model.get("label");
    button.setAttribute("aria-label", label);
    button.title = label;
    rateText.textContent = model.get("rate_label");
    const current = Number(model.get("rate"));
    const options = (model.get("rate_options") || []).slice();
    if (!options.some(([value]) => Number(value) === current)) options.push([current, `${current}×`]);
    rate.replaceChildren(
      ...options.map(([value, name]) => {
        const option = document.createElement("option");
        option.value = String(value);
        option.textContent = name;
        option.selected = Number(value) === current;
        return option;
      }),
    );
    rateLabel.hidden = !model.get("show_rate");
    message.setAttribute("lang", model.get("interface_lang"));
    el.setAttribute("data-lang", model.get("lang"));
  }

  function show(text, state) {
    message.textContent = text;
    message.hidden = !text;
    el.setAttribute("data-state", state);
    model.set("state", state);
    model.save_changes();
  }

  async function speak() {
    const synth = window.speechSynthesis;
    const Utterance = window.SpeechSynthesisUtterance;
    if (!synth || typeof Utterance !== "function") {
      show(model.get("unsupported_message"), "unsupported");
      return;
    }
    const lang = model.get("lang");
    const voice = pickVoice(await voiceList(synth), lang);
    if (!voice) {
      show(model.get("no_voice_message"), "no-voice");
      return;
    }
    synth.cancel();
    const utterance = new Utterance(model.get("text"));
    utterance.lang = lang;
    utterance.rate = Number(model.get("rate"));
    try {
      utterance.voice = voice;
    } catch (err) {
      // a voice object from another realm: the language alone picks one
    }
    synth.speak(utterance);
    show("", "spoken");
  }

  button.addEventListener("click", () => { speak(); });
  rate.addEventListener("change", () => {
    model.set("rate", Number(rate.value));
    model.save_changes();
  });
  model.on("change", update);
  message.hidden = true;
  update();
}

export default { render };

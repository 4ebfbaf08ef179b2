/**
 * Dictation through the Web Speech API where the browser has it. Chrome sends the audio to a
 * speech service, so it needs a connection and is never the only way to answer: the transcript
 * lands in the editable answer field, where the learner corrects mis-hearings.
 */
interface RecognitionAlternative {
  readonly transcript: string;
}
interface RecognitionResult {
  readonly isFinal: boolean;
  readonly 0: RecognitionAlternative;
}
interface RecognitionEvent {
  readonly resultIndex: number;
  readonly results: ArrayLike<RecognitionResult>;
}
interface Recognition {
  lang: string;
  continuous: boolean;
  interimResults: boolean;
  onresult: ((event: RecognitionEvent) => void) | null;
  onerror: ((event: { readonly error: string }) => void) | null;
  onend: (() => void) | null;
  start(): void;
  stop(): void;
}
type RecognitionConstructor = new () => Recognition;

function recognitionConstructor(): RecognitionConstructor | undefined {
  const scope = window as unknown as Record<string, RecognitionConstructor | undefined>;
  return scope["SpeechRecognition"] ?? scope["webkitSpeechRecognition"];
}

export function speechRecognitionAvailable(): boolean {
  return recognitionConstructor() !== undefined;
}

export interface DictationCallbacks {
  /** A finished phrase, to append to the transcript. */
  onFinal(text: string): void;
  /** The phrase being heard, shown until it is final. */
  onInterim(text: string): void;
  onError(message: string): void;
  onStop(): void;
}

const errorMessages: Readonly<Record<string, string>> = {
  network:
    "Speech recognition needs the browser's online speech service, which is not reachable. Type your answer instead.",
  "not-allowed": "The microphone is blocked for this page. Allow it, or type your answer.",
  "service-not-allowed": "Speech recognition is not allowed here. Type your answer instead.",
  "no-speech": "No speech was heard. Try again closer to the microphone, or type.",
  "audio-capture": "No microphone was found. Type your answer instead.",
};

/** Starts dictation; returns a function that stops it. */
export function startDictation(callbacks: DictationCallbacks): () => void {
  const Constructor = recognitionConstructor();
  if (!Constructor) {
    callbacks.onError("This browser has no speech recognition. Type your answer instead.");
    callbacks.onStop();
    return () => undefined;
  }
  const recognition = new Constructor();
  recognition.lang = document.documentElement.lang || "en-US";
  recognition.continuous = true;
  recognition.interimResults = true;
  recognition.onresult = (event) => {
    let interim = "";
    for (let index = event.resultIndex; index < event.results.length; index++) {
      const result = event.results[index];
      if (!result) continue;
      if (result.isFinal) callbacks.onFinal(result[0].transcript.trim());
      else interim += result[0].transcript;
    }
    callbacks.onInterim(interim.trim());
  };
  recognition.onerror = (event) => {
    callbacks.onError(errorMessages[event.error] ?? `Speech recognition stopped (${event.error}).`);
  };
  recognition.onend = () => callbacks.onStop();
  recognition.start();
  return () => recognition.stop();
}

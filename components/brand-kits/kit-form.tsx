"use client";
/**
 * A brand kit's form: its logos and product shots (uploads), a palette of up to 8 colours — suggested from the
 * logo as soon as one is added — its style, legal line and banned words. Saving a kit that exists adds a version.
 */
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { saveKitAction, suggestPaletteAction } from "@/lib/actions/brand-kit-actions";
import { MAX_BANNED, MAX_KIT_COLOURS, MAX_KIT_IMAGES, MAX_STYLE_LENGTH, normaliseHex, type KitColour, type KitImageRole } from "@/lib/brand-kits/compose";
import type { KitView } from "@/lib/brand-kits";
import type { UploadView } from "@/lib/images/uploads";
import { fetchJson } from "../hooks/fetch-json";
import { buttonClass } from "../ui/button";
import { inputClass } from "../ui/input";
import { toast } from "../ui/toaster";

type KitImage = UploadView & { role: KitImageRole };
/** A palette row's inputs sit on one line: no gap above them. */
const rowInput = inputClass.replace("mt-1 ", "");

export function KitForm({ kit, readOnly = false }: { kit?: KitView; readOnly?: boolean }) {
  const router = useRouter();
  const [name, setName] = useState(kit?.name ?? "");
  const [images, setImages] = useState<KitImage[]>(kit?.images ?? []);
  const [palette, setPalette] = useState<KitColour[]>(kit?.palette ?? []);
  const [suggested, setSuggested] = useState<{ from: string; colours: KitColour[] } | null>(null);
  const [style, setStyle] = useState(kit?.style ?? "");
  const [legal, setLegal] = useState(kit?.legal ?? "");
  const [banned, setBanned] = useState((kit?.banned ?? []).join("\n"));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [adding, setAdding] = useState<KitImageRole>("logo");

  async function addImages(files: File[], role: KitImageRole) {
    const room = MAX_KIT_IMAGES - images.length;
    const accepted = files.slice(0, Math.max(0, room));
    if (files.length > accepted.length)
      setErrors((e) => ({ ...e, images: `A kit holds ${MAX_KIT_IMAGES} images; ${files.length - accepted.length} were left out.` }));
    for (const file of accepted) {
      setBusy(`Uploading ${file.name}…`);
      const body = new FormData();
      body.set("file", file);
      try {
        const uploaded = await fetchJson<UploadView>("/api/uploads", { method: "POST", body });
        setImages((all) => [...all, { ...uploaded, role }]);
        if (role === "logo") await suggestFrom(uploaded);
      } catch (e) {
        setErrors((all) => ({ ...all, images: e instanceof Error ? e.message : String(e) }));
      }
    }
    setBusy(null);
  }

  async function suggestFrom(logo: UploadView) {
    setBusy(`Reading the colours of ${logo.fileName}…`);
    const result = await suggestPaletteAction(logo.id);
    if (!result.ok) {
      setErrors((all) => ({ ...all, palette: result.error }));
      return;
    }
    setSuggested({ from: logo.fileName, colours: result.palette });
    // An empty palette starts from the logo's colours; an existing one is left for the user to add to.
    setPalette((current) => (current.length ? current : result.palette.slice(0, MAX_KIT_COLOURS)));
  }

  async function save() {
    setBusy("Saving…");
    setFormError(null);
    const result = await saveKitAction(kit?.id ?? null, {
      name,
      palette,
      style,
      legal,
      banned: banned
        .split(/[\n,]/)
        .map((w) => w.trim())
        .filter(Boolean),
      images: images.map((i) => ({ uploadId: i.id, role: i.role })),
    });
    setBusy(null);
    if (!result.ok) {
      setErrors(result.fieldErrors ?? {});
      setFormError(result.error);
      return;
    }
    setErrors({});
    toast(kit ? `Saved as version ${result.kit.version}. New runs use it; earlier images keep theirs.` : `Brand kit “${result.kit.name}” created.`);
    if (kit) router.refresh();
    else router.push(`/brand-kits/${result.kit.id}`);
  }

  const setColour = (index: number, patch: Partial<KitColour>) => setPalette((all) => all.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  const unused = suggested?.colours.filter((c) => !palette.some((p) => p.hex === c.hex)) ?? [];

  return (
    <form
      className="space-y-6"
      aria-label={kit ? `Edit ${kit.name}` : "New brand kit"}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <fieldset disabled={readOnly || busy !== null} className="space-y-6">
        <label className="block text-sm font-medium">
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required aria-invalid={Boolean(errors.name)} className={inputClass} />
          {errors.name ? <span className="mt-1 block text-xs font-normal text-danger">{errors.name}</span> : null}
        </label>

        <section aria-labelledby="kit-images">
          <h2 id="kit-images" className="text-sm font-medium">
            Logos and product shots <span className="font-normal text-muted">— attached to every run as references</span>
          </h2>
          <div className="mt-2 flex flex-wrap gap-3">
            {images.map((image) => (
              <figure key={image.id} className="w-28" data-testid="kit-image">
                <div className="relative h-28 w-28 overflow-hidden rounded-card border border-line bg-raised">
                  {/* eslint-disable-next-line @next/next/no-img-element -- a private upload served by our own route */}
                  <img src={image.url} alt={image.fileName} className="h-full w-full object-contain" />
                  {readOnly ? null : (
                    <button
                      type="button"
                      onClick={() => setImages((all) => all.filter((i) => i.id !== image.id))}
                      aria-label={`Remove ${image.fileName}`}
                      className="absolute right-1 top-1 rounded-full bg-black/70 px-1.5 text-xs leading-5 text-white"
                    >
                      ×
                    </button>
                  )}
                </div>
                <figcaption className="mt-1 flex items-center gap-1 text-2xs">
                  <select
                    value={image.role}
                    aria-label={`Role of ${image.fileName}`}
                    onChange={(e) => setImages((all) => all.map((i) => (i.id === image.id ? { ...i, role: e.target.value as KitImageRole } : i)))}
                    className="rounded border border-line bg-canvas px-1 py-0.5"
                  >
                    <option value="logo">Logo</option>
                    <option value="product">Product</option>
                  </select>
                  {image.role === "logo" && !readOnly ? (
                    <button
                      type="button"
                      className="text-ink underline underline-offset-2 hover:text-accent"
                      onClick={() => void suggestFrom(image).finally(() => setBusy(null))}
                    >
                      Colours
                    </button>
                  ) : null}
                </figcaption>
              </figure>
            ))}
            {images.length < MAX_KIT_IMAGES && !readOnly ? (
              <div className="flex flex-col gap-2">
                {(["logo", "product"] as const).map((role) => (
                  <button
                    key={role}
                    type="button"
                    className={buttonClass("secondary", "h-[3.25rem] w-28")}
                    onClick={() => {
                      setAdding(role);
                      fileInput.current?.click();
                    }}
                  >
                    + {role === "logo" ? "Logo" : "Product shot"}
                  </button>
                ))}
              </div>
            ) : null}
          </div>
          <input
            ref={fileInput}
            type="file"
            accept="image/png,image/jpeg,image/webp,image/gif"
            multiple
            className="sr-only"
            aria-label="Add logos or product shots"
            data-testid="kit-image-input"
            onChange={(e) => {
              void addImages(Array.from(e.target.files ?? []), adding);
              e.target.value = "";
            }}
          />
          {errors.images ? <p className="mt-1 text-xs text-danger">{errors.images}</p> : null}
        </section>

        <section aria-labelledby="kit-palette">
          <h2 id="kit-palette" className="text-sm font-medium">
            Palette <span className="font-normal text-muted">— up to {MAX_KIT_COLOURS}; images are checked against it (CIEDE2000)</span>
          </h2>
          {suggested ? (
            <p className="mt-1 text-xs text-muted" data-testid="palette-suggested">
              Suggested from {suggested.from}
              {unused.length ? ": " : "."}
              {unused.map((c) => (
                <button
                  key={c.hex}
                  type="button"
                  disabled={palette.length >= MAX_KIT_COLOURS}
                  onClick={() => setPalette((all) => [...all, c])}
                  className="ml-1 inline-flex items-center gap-1 rounded-full border border-line px-2 py-0.5 hover:bg-raised"
                >
                  <span className="h-3 w-3 rounded-full border border-line" style={{ background: c.hex }} />+ {c.name}
                </button>
              ))}
            </p>
          ) : null}
          <ul className="mt-2 space-y-2" data-testid="palette">
            {palette.map((colour, index) => (
              <li key={index} className="grid grid-cols-[2.5rem_6.5rem_minmax(0,1fr)_auto] items-center gap-2">
                <input
                  type="color"
                  value={normaliseHex(colour.hex)?.toLowerCase() ?? "#000000"}
                  onChange={(e) => setColour(index, { hex: e.target.value.toUpperCase() })}
                  aria-label={`Colour ${index + 1}`}
                  className="h-9 w-10 cursor-pointer rounded-control border border-line bg-canvas p-0.5"
                />
                <input
                  value={colour.hex}
                  onChange={(e) => setColour(index, { hex: e.target.value })}
                  aria-label={`Hex of colour ${index + 1}`}
                  aria-invalid={normaliseHex(colour.hex) === null}
                  className={`${rowInput} px-2 font-mono`}
                />
                <input
                  value={colour.name}
                  onChange={(e) => setColour(index, { name: e.target.value })}
                  aria-label={`Name of colour ${index + 1}`}
                  maxLength={40}
                  placeholder="Name"
                  className={rowInput}
                />
                {readOnly ? null : (
                  <button
                    type="button"
                    onClick={() => setPalette((all) => all.filter((_, i) => i !== index))}
                    aria-label={`Remove ${colour.name || `colour ${index + 1}`}`}
                    className={buttonClass("ghost", "px-2")}
                  >
                    ×
                  </button>
                )}
              </li>
            ))}
          </ul>
          {palette.length < MAX_KIT_COLOURS && !readOnly ? (
            <button
              type="button"
              className={buttonClass("ghost", "mt-2 px-2 text-xs")}
              onClick={() => setPalette((all) => [...all, { hex: "#000000", name: "" }])}
            >
              + Add colour
            </button>
          ) : null}
          {errors.palette ? <p className="mt-1 text-xs text-danger">{errors.palette}</p> : null}
        </section>

        <label className="block text-sm font-medium">
          Style <span className="font-normal text-muted">— look and voice, added to the prompt (editable there per run)</span>
          <textarea
            value={style}
            onChange={(e) => setStyle(e.target.value)}
            rows={3}
            maxLength={MAX_STYLE_LENGTH}
            placeholder="Bright, sunny and playful; bold sans-serif type; lots of white space."
            className={inputClass}
          />
          {errors.style ? <span className="mt-1 block text-xs font-normal text-danger">{errors.style}</span> : null}
        </label>

        <label className="block text-sm font-medium">
          Required legal line <span className="font-normal text-muted">— put in every run's copy and checked in the image</span>
          <input value={legal} onChange={(e) => setLegal(e.target.value)} maxLength={200} className={inputClass} placeholder="Drink responsibly." />
          {errors.legal ? <span className="mt-1 block text-xs font-normal text-danger">{errors.legal}</span> : null}
        </label>

        <label className="block text-sm font-medium">
          Banned words and claims <span className="font-normal text-muted">— one per line; flagged when read in an image</span>
          <textarea
            value={banned}
            onChange={(e) => setBanned(e.target.value)}
            rows={3}
            placeholder={"guaranteed\ncures\n100% natural"}
            aria-invalid={Boolean(errors.banned)}
            className={inputClass}
          />
          <span className="mt-1 block text-xs font-normal text-muted">Up to {MAX_BANNED}.</span>
          {errors.banned ? <span className="mt-1 block text-xs font-normal text-danger">{errors.banned}</span> : null}
        </label>
      </fieldset>

      {formError ? (
        <p role="status" className="rounded-control border border-danger/30 bg-danger/10 px-3 py-2 text-sm text-danger" data-testid="kit-error">
          {formError}
        </p>
      ) : null}
      {readOnly ? null : (
        <div className="flex items-center gap-3">
          <button type="submit" disabled={busy !== null} className={buttonClass("primary")}>
            {kit ? `Save as version ${kit.version + 1}` : "Create kit"}
          </button>
          {busy ? (
            <span className="text-xs text-muted" role="status">
              {busy}
            </span>
          ) : null}
        </div>
      )}
    </form>
  );
}

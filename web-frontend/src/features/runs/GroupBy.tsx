import { GROUP_ATTRIBUTES, groupLabel } from './groups.ts';
import type { Keys } from './runColumnsKeys.ts';

/** "Group by": none, a run attribute, a param or a tag (the keys seen in the latest runs). */
export function GroupBy({ keys, value, onChange }: { keys: Keys; value: string | undefined; onChange: (gb: string | undefined) => void }) {
  return (
    <label className="group-by">
      <span className="muted">Group by</span>
      <select value={value ?? ''} onChange={(event) => onChange(event.target.value || undefined)}>
        <option value="">nothing</option>
        <optgroup label="Run">
          {Object.keys(GROUP_ATTRIBUTES).map((id) => (
            <option key={id} value={id}>{groupLabel(id)}</option>
          ))}
        </optgroup>
        <optgroup label="Params">
          {keys.params.map((key) => (
            <option key={key} value={`p:${key}`}>{key}</option>
          ))}
        </optgroup>
        <optgroup label="Tags">
          {keys.tags.map((key) => (
            <option key={key} value={`t:${key}`}>{key}</option>
          ))}
        </optgroup>
      </select>
    </label>
  );
}

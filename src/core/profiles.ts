import { GreenopsError } from './errors.js';
import { defaultProfile, type MethodologyProfile } from './methodology.js';
import { ccfProfile } from './ccf/profile.js';

/** Every methodology profile, by id. */
export const profiles: Readonly<Record<MethodologyProfile['id'], MethodologyProfile>> = {
  default: defaultProfile,
  ccf: ccfProfile,
};

export function profile(id: string): MethodologyProfile {
  const p = (profiles as Record<string, MethodologyProfile | undefined>)[id];
  if (!p) throw new GreenopsError('E_USAGE', `unknown methodology ${JSON.stringify(id)}; expected ${Object.keys(profiles).join(' or ')}`);
  return p;
}

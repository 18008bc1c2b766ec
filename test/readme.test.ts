import { readmeIsCurrent } from '../scripts/diagram';

describe('README', () => {
  it('shows the step list and machine diagram generated from the current machine', () => {
    expect(readmeIsCurrent()).toBe(true);
  });
});

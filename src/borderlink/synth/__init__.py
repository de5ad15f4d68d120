"""The synthetic world: `borderlink generate` writes the agencies' exports plus truth/.

Its name-variant code is the generator's own and is never shared with the resolver.
"""

from borderlink.synth.generate import GenerateSummary, generate

__all__ = ["GenerateSummary", "generate"]

package io.orderflow.aftersales.tickets;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The customer-service agents tickets are routed to, and the categories each one handles, from
 * AFTERSALES_AGENTS: {@code agent-ana:DELIVERY|RETURN,agent-bo:*} ({@code *} = every category).
 */
public record Agents(List<Agent> all) {

  /** Used when AFTERSALES_AGENTS is not set: one agent who takes everything. */
  public static final String DEFAULT = "agent-support:*";

  public record Agent(String id, Set<TicketCategory> categories) {
    public boolean handles(TicketCategory category) {
      return categories.contains(category);
    }
  }

  public Agents {
    all = List.copyOf(all);
    if (all.isEmpty()) {
      throw new IllegalArgumentException("at least one agent must be configured");
    }
  }

  public static Agents parse(String spec) {
    String text = spec == null || spec.isBlank() ? DEFAULT : spec;
    List<Agent> agents = new ArrayList<>();
    for (String entry : text.split(",")) {
      String[] parts = entry.strip().split(":", 2);
      if (parts[0].isBlank()) {
        throw new IllegalArgumentException("an agent without a name in AFTERSALES_AGENTS: " + spec);
      }
      Set<TicketCategory> categories = EnumSet.noneOf(TicketCategory.class);
      if (parts.length == 1 || parts[1].strip().equals("*")) {
        categories = EnumSet.allOf(TicketCategory.class);
      } else {
        for (String category : parts[1].split("\\|")) {
          categories.add(TicketCategory.valueOf(category.strip().toUpperCase(Locale.ROOT)));
        }
      }
      agents.add(new Agent(parts[0].strip(), categories));
    }
    return new Agents(agents);
  }

  /** The agents who handle {@code category}; everybody if nobody is configured for it. */
  public List<String> handling(TicketCategory category) {
    List<String> eligible = all.stream().filter(a -> a.handles(category)).map(Agent::id).toList();
    return eligible.isEmpty() ? all.stream().map(Agent::id).toList() : eligible;
  }
}

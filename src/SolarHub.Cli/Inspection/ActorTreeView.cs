using System.Text;
using SolarHub.Node.Api.Actors;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SolarHub.Cli.Inspection;

/// <summary><c>solarhub actors</c>: the actor hierarchy, each actor with its role; indented text when output is plain.</summary>
public static class ActorTreeView
{
    public static IRenderable Render(InspectionConsole console, ActorNode root)
    {
        if (console.Plain)
        {
            var text = new StringBuilder();
            text.AppendLine(Label(root, withPath: true));
            foreach (var child in root.Children ?? []) AppendPlain(text, child, depth: 1);
            return new Text(text.ToString().TrimEnd('\n'));
        }
        var tree = new Tree(Styled(root, withPath: true)).Guide(TreeGuide.Line);
        foreach (var child in root.Children ?? []) AddStyled(tree.AddNode(Styled(child, withPath: false)), child);
        return tree;
    }

    private static void AppendPlain(StringBuilder text, ActorNode node, int depth)
    {
        text.Append(' ', depth * 2).AppendLine(Label(node, withPath: false));
        foreach (var child in node.Children ?? []) AppendPlain(text, child, depth + 1);
    }

    private static void AddStyled(TreeNode parent, ActorNode node)
    {
        foreach (var child in node.Children ?? []) AddStyled(parent.AddNode(Styled(child, withPath: false)), child);
    }

    private static string Label(ActorNode node, bool withPath)
    {
        var name = withPath && node.Path is { } path ? path : node.Name;
        return string.IsNullOrEmpty(node.Role) ? name : $"{name}  ({node.Role})";
    }

    private static Markup Styled(ActorNode node, bool withPath)
    {
        var name = Markup.Escape(withPath && node.Path is { } path ? path : node.Name);
        return new Markup(string.IsNullOrEmpty(node.Role) ? $"[bold]{name}[/]" : $"[bold]{name}[/]  [grey]{Markup.Escape(node.Role)}[/]");
    }
}
